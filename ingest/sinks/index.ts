// Every sink plugin, registered by listing it here.
import type { SinkPlugin } from '../api/plugin.js';
import { catalogSink } from './catalog/sink.js';

export const sinks: SinkPlugin<any>[] = [catalogSink];
