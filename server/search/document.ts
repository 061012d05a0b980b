// One search document per entity, built from its latest aspects as the store returns them
// (`store.getEntity`). Field names follow DataHub's index fields (anchor-datahub.md §7.3); every
// engine indexes this shape, so what is searchable is decided here, once.
import { simpleFieldPath } from '../../model/field-path.js';
import type { AspectValue } from '../../model/mcp.js';
import { decodeUrnPart, entityTypeOf, parseUrn, platformNameOf } from '../../model/urn.js';

export interface SearchDocument {
  urn: string;
  /** URN entity type: `dataset`, `container`, `glossaryTerm`, `glossaryNode`, `tag`, `corpuser`, … */
  entityType: string;
  /** The display name, ranked first. */
  name: string;
  /** The full name (`tickit.public.users`, `Finance.Revenue`), ranked second. */
  qualifiedName: string | null;
  /** Descriptions: the ingested one and the edited one (both searchable). */
  description: string | null;
  /** Platform name (`postgres`), not the URN. */
  platform: string | null;
  /** Environment (DataHub's `origin`): PROD, DEV, … */
  origin: string | null;
  removed: boolean;
  typeNames: string[];
  tags: string[];
  glossaryTerms: string[];
  fieldPaths: string[];
  fieldDescriptions: string[];
  fieldTags: string[];
  fieldGlossaryTerms: string[];
  owners: string[];
  domains: string[];
  container: string | null;
}

type Aspects = Record<string, AspectValue>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const arr = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : []);
const uniq = (values: Array<string | null | undefined>): string[] => [...new Set(values.filter((v): v is string => !!v))];
const tagsOf = (aspect: unknown): string[] => arr((aspect as { tags?: unknown } | undefined)?.tags).map((t) => String(t.tag));
const termsOf = (aspect: unknown): string[] => arr((aspect as { terms?: unknown } | undefined)?.terms).map((t) => String(t.urn));
const joinText = (...parts: Array<string | null | undefined>): string | null => uniq(parts).join('\n') || null;

/** The last dotted/slashed segment of a name: `tickit.public.users` -> `users`. */
function lastSegment(name: string): string {
  const parts = name.split(/[./]/).filter(Boolean);
  return parts[parts.length - 1] ?? name;
}

/** Entity types this catalog makes searchable. */
export const SEARCHABLE_ENTITY_TYPES = ['dataset', 'container', 'glossaryTerm', 'glossaryNode', 'tag', 'corpuser', 'corpGroup', 'dataFlow', 'dataJob', 'domain'] as const;

/**
 * The search document for an entity, or null when its type is not searchable. `aspects` is the
 * latest value of each aspect (an entity with only some aspects still gets a document).
 */
export function buildSearchDocument(urn: string, aspects: Aspects): SearchDocument | null {
  const entityType = entityTypeOf(urn);
  if (!(SEARCHABLE_ENTITY_TYPES as readonly string[]).includes(entityType)) return null;
  const parts = parseUrn(urn).parts.map(decodeUrnPart);
  const doc: SearchDocument = {
    urn, entityType, name: parts[parts.length - 1] ?? urn, qualifiedName: null, description: null, platform: null, origin: null,
    removed: aspects.status?.removed === true,
    typeNames: uniq(((aspects.subTypes?.typeNames as unknown[]) ?? []).map(str)),
    tags: tagsOf(aspects.globalTags), glossaryTerms: termsOf(aspects.glossaryTerms),
    fieldPaths: [], fieldDescriptions: [], fieldTags: [], fieldGlossaryTerms: [],
    owners: uniq(arr(aspects.ownership?.owners).map((o) => str(o.owner))),
    domains: uniq(((aspects.domains?.domains as unknown[]) ?? []).map(str)),
    container: str(aspects.container?.container),
  };
  const platformAspect = str(aspects.dataPlatformInstance?.platform);
  if (platformAspect) doc.platform = platformNameOf(platformAspect);
  DOCUMENT_BUILDERS[entityType]?.(doc, aspects, parts);
  return doc;
}

const DOCUMENT_BUILDERS: Record<string, (doc: SearchDocument, a: Aspects, parts: string[]) => void> = {
  dataset(doc, a, [platform, name, origin]) {
    const props = a.datasetProperties ?? {};
    const keyName = name ?? doc.urn;
    doc.platform = platformNameOf(platform ?? 'urn:li:dataPlatform:unknown');
    doc.origin = origin ?? null;
    doc.name = str(a.editableDatasetProperties?.name) ?? str(props.name) ?? lastSegment(keyName);
    doc.qualifiedName = str(props.qualifiedName) ?? keyName;
    doc.description = joinText(str(a.editableDatasetProperties?.description), str(props.description));
    const fields = arr(a.schemaMetadata?.fields);
    const edited = arr(a.editableSchemaMetadata?.editableSchemaFieldInfo);
    doc.fieldPaths = uniq(fields.map((f) => str(f.fieldPath)).map((p) => p && simpleFieldPath(p)));
    doc.fieldDescriptions = uniq([...fields, ...edited].map((f) => str(f.description)));
    doc.fieldTags = uniq([...fields, ...edited].flatMap((f) => tagsOf(f.globalTags)));
    doc.fieldGlossaryTerms = uniq([...fields, ...edited].flatMap((f) => termsOf(f.glossaryTerms)));
  },
  container(doc, a) {
    const props = a.containerProperties ?? {};
    doc.name = str(props.name) ?? doc.name;
    doc.qualifiedName = str(props.qualifiedName);
    doc.description = joinText(str(a.editableContainerProperties?.description), str(props.description));
    doc.origin = str(props.env);
  },
  glossaryTerm(doc, a, [id]) {
    const info = a.glossaryTermInfo ?? {};
    doc.name = str(info.name) ?? lastSegment(id ?? doc.name);
    doc.qualifiedName = id ?? null;
    doc.description = str(info.definition);
    doc.container = str(info.parentNode);
  },
  glossaryNode(doc, a, [id]) {
    const info = a.glossaryNodeInfo ?? {};
    doc.name = str(info.name) ?? lastSegment(id ?? doc.name);
    doc.qualifiedName = id ?? null;
    doc.description = str(info.definition);
    doc.container = str(info.parentNode);
  },
  tag(doc, a) {
    doc.name = str(a.tagProperties?.name) ?? doc.name;
    doc.description = str(a.tagProperties?.description);
  },
  corpuser(doc, a, [username]) {
    const info = { ...(a.corpUserInfo ?? {}), ...(a.corpUserEditableInfo ?? {}) };
    doc.name = str(info.displayName) ?? str(info.fullName) ?? username ?? doc.name;
    doc.qualifiedName = username ?? null;
    doc.description = joinText(str(info.title), str(info.email), str(info.departmentName), str(info.aboutMe));
  },
  corpGroup(doc, a, [name]) {
    const info = a.corpGroupInfo ?? {};
    doc.name = str(a.corpGroupEditableInfo?.displayName) ?? str(info.displayName) ?? name ?? doc.name;
    doc.qualifiedName = name ?? null;
    doc.description = joinText(str(a.corpGroupEditableInfo?.description), str(info.description), str(info.email));
  },
  dataFlow(doc, a, [orchestrator, flowId, cluster]) {
    const info = a.dataFlowInfo ?? {};
    doc.platform ??= orchestrator ?? null;
    doc.name = str(info.name) ?? flowId ?? doc.name;
    doc.qualifiedName = flowId ?? null;
    doc.description = joinText(str(a.editableDataFlowProperties?.description), str(info.description));
    doc.origin = str(info.env) ?? (cluster ? cluster.toUpperCase() : null);
  },
  dataJob(doc, a, [flow, jobId]) {
    const info = a.dataJobInfo ?? {};
    const flowParts = flow ? parseUrn(flow).parts.map(decodeUrnPart) : [];
    doc.platform ??= flowParts[0] ?? null;
    doc.name = str(info.name) ?? jobId ?? doc.name;
    doc.qualifiedName = flowParts[1] && jobId ? `${flowParts[1]}.${jobId}` : (jobId ?? null);
    doc.description = joinText(str(a.editableDataJobProperties?.description), str(info.description));
    doc.origin = str(info.env);
    doc.container ??= flow ?? null;
  },
  domain(doc, a) {
    doc.name = str(a.domainProperties?.name) ?? doc.name;
    doc.description = str(a.domainProperties?.description);
  },
};
