// Every sink plugin, registered by listing it here.
import type { SinkPlugin } from '../api/plugin.js';
import { catalogSink } from './catalog/sink.js';
import { consoleSink } from './console/sink.js';
import { datahubRestSink } from './datahub-rest/sink.js';
import { fileSink } from './file/sink.js';

export const sinks: SinkPlugin<any>[] = [catalogSink, consoleSink, datahubRestSink, fileSink];
