export { HomePage } from './HomePage';
export { SearchPage } from './SearchPage';
export { SearchBox } from './SearchBox';
export { searchHref } from './filters';
