// The hudi naming rule (docs/NAMING.md): the table's base path without scheme (and without
// leading or trailing slashes, like an s3 `bucket/key`), or its synced `database.table`,
// prefixed by the platform instance. The base-path rule lives in ingest/common/naming/lake.ts so
// other sources (Glue, Kafka Connect) name Hudi tables the same way.
import { dataPlatformInstanceUrn, datasetUrn } from '../../../model/urn.js';
import { hudiBasePathName } from '../../common/naming/lake.js';

export const PLATFORM = 'hudi';

/** `s3a://bucket/warehouse/t/` -> `bucket/warehouse/t`; `/data/t` -> `data/t` (the shared rule). */
export const basePathName = hudiBasePathName;

export class HudiNaming {
  constructor(readonly options: { env: string; platformInstance: string | null }) {}

  datasetUrn(name: string): string {
    return datasetUrn(PLATFORM, name, this.options.env, this.options.platformInstance);
  }

  platformInstanceUrn(): string | null {
    return this.options.platformInstance ? dataPlatformInstanceUrn(PLATFORM, this.options.platformInstance) : null;
  }
}
