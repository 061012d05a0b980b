// The hudi naming rule (docs/NAMING.md): the table's base path without scheme (and without
// leading or trailing slashes, like an s3 `bucket/key`), or its synced `database.table`,
// prefixed by the platform instance. Lineage to Hudi tables (Kafka Connect, Glue) calls this.
import { dataPlatformInstanceUrn, datasetUrn } from '../../../model/urn.js';

export const PLATFORM = 'hudi';

/** `s3a://bucket/warehouse/t/` -> `bucket/warehouse/t`; `/data/t` -> `data/t`. */
export function basePathName(basePath: string): string {
  return basePath.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//, '').replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
}

export class HudiNaming {
  constructor(readonly options: { env: string; platformInstance: string | null }) {}

  datasetUrn(name: string): string {
    return datasetUrn(PLATFORM, name, this.options.env, this.options.platformInstance);
  }

  platformInstanceUrn(): string | null {
    return this.options.platformInstance ? dataPlatformInstanceUrn(PLATFORM, this.options.platformInstance) : null;
  }
}
