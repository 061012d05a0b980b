export { GlossaryPage } from './GlossaryPage';
export { NodePage, TermPage } from './TermPage';
export { TagPage, TagsPage } from './TagsPage';
