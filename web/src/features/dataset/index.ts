export { DatasetPage } from './DatasetPage';
