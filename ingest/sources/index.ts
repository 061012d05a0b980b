// Every source plugin, registered by listing it here.
import type { SourcePlugin } from '../api/plugin.js';

export const sources: SourcePlugin<any>[] = [];
