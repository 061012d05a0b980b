// Database and schema containers, as DataHub's gen_database_containers / gen_schema_containers:
// containerProperties, status, dataPlatformInstance (with a platform instance), subTypes,
// container (the parent) and browsePathsV2.
import { makeMcp, type AspectValue, type MetadataChangeProposal } from '../../../model/mcp.js';
import { dataPlatformUrn } from '../../../model/urn.js';
import { PLATFORM, type PostgresNaming } from './naming.js';

export interface BrowseEntry {
  id: string;
  urn?: string;
}

/** The browse path of anything inside `database` (and `schema`): instance, database, schema. */
export function browsePath(naming: PostgresNaming, database: string, schema?: string): BrowseEntry[] {
  const path: BrowseEntry[] = [];
  const instance = naming.platformInstanceUrn();
  if (instance) path.push({ id: instance, urn: instance });
  const db = naming.databaseContainerUrn(database);
  path.push({ id: db, urn: db });
  if (schema !== undefined) {
    const s = naming.schemaContainerUrn(database, schema);
    path.push({ id: s, urn: s });
  }
  return path;
}

export function dataPlatformInstanceAspect(naming: PostgresNaming): AspectValue | null {
  const instance = naming.platformInstanceUrn();
  return instance ? { platform: dataPlatformUrn(PLATFORM), instance } : null;
}

function containerMcps(
  urn: string,
  naming: PostgresNaming,
  name: string,
  customProperties: Record<string, string>,
  subType: string,
  parent: string | null,
  path: BrowseEntry[],
): MetadataChangeProposal[] {
  const out = [
    makeMcp(urn, 'containerProperties', { name, customProperties, env: naming.options.env }),
    makeMcp(urn, 'status', { removed: false }),
  ];
  const dpi = dataPlatformInstanceAspect(naming);
  if (dpi) out.push(makeMcp(urn, 'dataPlatformInstance', dpi));
  out.push(makeMcp(urn, 'subTypes', { typeNames: [subType] }));
  if (parent) out.push(makeMcp(urn, 'container', { container: parent }));
  out.push(makeMcp(urn, 'browsePathsV2', { path }));
  return out;
}

function keyProperties(naming: PostgresNaming, database: string, schema?: string): Record<string, string> {
  const props: Record<string, string> = { platform: PLATFORM, env: naming.options.env, database };
  if (schema !== undefined) props.schema = schema;
  if (naming.options.platformInstance) props.instance = naming.options.platformInstance;
  return props;
}

export function databaseContainer(naming: PostgresNaming, database: string): MetadataChangeProposal[] {
  const path = browsePath(naming, database).slice(0, -1);
  return containerMcps(naming.databaseContainerUrn(database), naming, database, keyProperties(naming, database), 'Database', null, path);
}

export function schemaContainer(naming: PostgresNaming, database: string, schema: string): MetadataChangeProposal[] {
  return containerMcps(
    naming.schemaContainerUrn(database, schema),
    naming,
    schema,
    keyProperties(naming, database, schema),
    'Schema',
    naming.databaseContainerUrn(database),
    browsePath(naming, database),
  );
}
