// Every sink plugin, registered by listing it here.
import type { SinkPlugin } from '../api/plugin.js';

export const sinks: SinkPlugin<any>[] = [];
