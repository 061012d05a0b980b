// Every transformer plugin, registered by listing it here.
import type { TransformerPlugin } from '../api/plugin.js';

export const transformers: TransformerPlugin<any>[] = [];
