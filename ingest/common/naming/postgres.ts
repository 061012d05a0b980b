// The postgres naming rule, in one place for tables, views and lineage alike:
// dataset name `database.schema.table` (lower-cased with convert_urns_to_lowercase), prefixed by
// the platform instance; containers keyed as DataHub's DatabaseKey / SchemaKey. DataHub's SQL
// sources build those keys with backcompat_env_as_instance, so without a platform instance the
// env stands in as `instance` in the container GUID (checked against DataHub's CLI in
// test/services/datahub-rest-interop.services.test.ts). Shared: the postgres source names its
// datasets with it, and sources that draw lineage to Postgres tables (kafka-connect) do too.
import { containerUrnForKey, dataPlatformInstanceUrn, datasetUrn } from '../../../model/urn.js';

export const PLATFORM = 'postgres';

export interface NamingOptions {
  env: string;
  platformInstance: string | null;
  lowercase: boolean;
}

export class PostgresNaming {
  constructor(readonly options: NamingOptions) {}

  qualifiedName(database: string, schema: string, table: string): string {
    return `${database}.${schema}.${table}`;
  }

  datasetUrn(database: string, schema: string, table: string): string {
    const name = this.qualifiedName(database, schema, table);
    return datasetUrn(PLATFORM, this.options.lowercase ? name.toLowerCase() : name, this.options.env, this.options.platformInstance);
  }

  private get containerInstance(): string {
    return this.options.platformInstance ?? this.options.env;
  }

  databaseContainerUrn(database: string): string {
    return containerUrnForKey({ platform: PLATFORM, instance: this.containerInstance, database });
  }

  schemaContainerUrn(database: string, schema: string): string {
    return containerUrnForKey({ platform: PLATFORM, instance: this.containerInstance, database, schema });
  }

  platformInstanceUrn(): string | null {
    return this.options.platformInstance ? dataPlatformInstanceUrn(PLATFORM, this.options.platformInstance) : null;
  }
}
