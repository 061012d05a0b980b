// The Glue Data Catalog calls this source makes, each a NextToken loop (the SDK's paginators),
// so catalogs with more databases, tables, partitions or jobs than one page are read whole.
// Moto returns everything in one page for most of these; the loop is the same either way.
import {
  GlueClient,
  paginateGetDatabases,
  paginateGetJobs,
  paginateGetPartitions,
  paginateGetTables,
  type Database,
  type Job,
  type Partition,
  type Table,
} from '@aws-sdk/client-glue';

export class GlueCatalog {
  constructor(
    readonly client: GlueClient,
    private readonly catalogId: string | null,
    private readonly pageSize = 100,
  ) {}

  private get catalog(): { CatalogId?: string } {
    return this.catalogId ? { CatalogId: this.catalogId } : {};
  }

  async *databases(): AsyncIterable<Database> {
    for await (const page of paginateGetDatabases({ client: this.client, pageSize: this.pageSize }, { ...this.catalog })) yield* page.DatabaseList ?? [];
  }

  async *tables(database: string): AsyncIterable<Table> {
    for await (const page of paginateGetTables({ client: this.client, pageSize: this.pageSize }, { ...this.catalog, DatabaseName: database })) yield* page.TableList ?? [];
  }

  async *partitions(database: string, table: string): AsyncIterable<Partition> {
    const input = { ...this.catalog, DatabaseName: database, TableName: table };
    for await (const page of paginateGetPartitions({ client: this.client, pageSize: this.pageSize }, input)) yield* page.Partitions ?? [];
  }

  async *jobs(): AsyncIterable<Job> {
    for await (const page of paginateGetJobs({ client: this.client, pageSize: this.pageSize }, {})) yield* page.Jobs ?? [];
  }
}
