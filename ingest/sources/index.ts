// Every source plugin, registered by listing it here.
import type { SourcePlugin } from '../api/plugin.js';
import { businessGlossarySource } from './business-glossary/source.js';
import { fileSource } from './file/source.js';
import { glueSource } from './glue/source.js';
import { hudiSource } from './hudi/source.js';
import { postgresSource } from './postgres/source.js';

export const sources: SourcePlugin<any>[] = [businessGlossarySource, fileSource, glueSource, hudiSource, postgresSource];
