export { LineagePage } from './LineagePage';
export { LineageView } from './LineageView';
