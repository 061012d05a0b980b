// The Elasticsearch index: one index for every entity type (the type is a keyword field), a strict
// mapping, and the document shape written to it. Words are split in Node by the same function the
// PostgreSQL engine uses (../words.ts) and stored as keyword arrays per weight, so both engines
// see the same words; no analyzer of Elasticsearch's decides what matches.
import { createHash } from 'node:crypto';
import type { estypes } from '@elastic/elasticsearch';
import type { SearchDocument } from '../document.js';
import type { SearchField } from '../search-engine.js';
import { documentWords } from '../words.js';

/** Bumped when the mapping changes; an index with another version must be rebuilt (`catalog reindex`). */
export const MAPPING_VERSION = 1;

const keyword = { type: 'keyword' } as const;
const words = { type: 'keyword', ignore_above: 256 } as const;

export const INDEX_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  _meta: { version: MAPPING_VERSION },
  properties: {
    urn: keyword,
    entityType: keyword,
    name: { type: 'keyword', index: false, doc_values: false },
    nameLower: keyword,
    nameLength: { type: 'integer' },
    /** The qualified name and each of its dotted tails (`public.users`, `users`): the qualified-name tier. */
    qualifiedNameTails: words,
    platform: keyword,
    origin: keyword,
    container: keyword,
    removed: { type: 'boolean' },
    hasDescription: { type: 'boolean' },
    typeNames: keyword,
    tags: keyword,
    glossaryTerms: keyword,
    fieldTags: keyword,
    fieldGlossaryTerms: keyword,
    owners: keyword,
    domains: keyword,
    nameWords: words,
    qualifiedNameWords: words,
    describedWords: words,
    columnWords: words,
    /** The SearchDocument as given (explain reads it); stored, not indexed. */
    document: { type: 'object', enabled: false },
  },
};

export function indexSettings(options: { shards: number; replicas: number }): estypes.IndicesIndexSettings {
  return { number_of_shards: options.shards, number_of_replicas: options.replicas, max_result_window: 100_000 };
}

/** SearchQuery field names (DataHub's) -> index fields. */
export const FIELD_NAMES: Record<SearchField, { field: string; kind: 'keyword' | 'boolean' }> = {
  _entityType: { field: 'entityType', kind: 'keyword' },
  urn: { field: 'urn', kind: 'keyword' },
  platform: { field: 'platform', kind: 'keyword' },
  origin: { field: 'origin', kind: 'keyword' },
  container: { field: 'container', kind: 'keyword' },
  typeNames: { field: 'typeNames', kind: 'keyword' },
  tags: { field: 'tags', kind: 'keyword' },
  glossaryTerms: { field: 'glossaryTerms', kind: 'keyword' },
  fieldTags: { field: 'fieldTags', kind: 'keyword' },
  fieldGlossaryTerms: { field: 'fieldGlossaryTerms', kind: 'keyword' },
  owners: { field: 'owners', kind: 'keyword' },
  domains: { field: 'domains', kind: 'keyword' },
  removed: { field: 'removed', kind: 'boolean' },
  hasDescription: { field: 'hasDescription', kind: 'boolean' },
};

export interface EsDocument {
  urn: string;
  entityType: string;
  name: string;
  nameLower: string;
  nameLength: number;
  qualifiedNameTails: string[];
  platform: string | null;
  origin: string | null;
  container: string | null;
  removed: boolean;
  hasDescription: boolean;
  typeNames: string[];
  tags: string[];
  glossaryTerms: string[];
  fieldTags: string[];
  fieldGlossaryTerms: string[];
  owners: string[];
  domains: string[];
  nameWords: string[];
  qualifiedNameWords: string[];
  describedWords: string[];
  columnWords: string[];
  document: SearchDocument;
}

const uniq = (values: string[]): string[] => [...new Set(values)];

export function toEsDocument(d: SearchDocument): EsDocument {
  const w = documentWords(d);
  const qualified = d.qualifiedName?.toLowerCase() ?? null;
  const tails = qualified ? qualified.split('.').map((_, i, parts) => parts.slice(i).join('.')) : [];
  return {
    urn: d.urn, entityType: d.entityType, name: d.name, nameLower: d.name.toLowerCase(), nameLength: d.name.length,
    qualifiedNameTails: uniq(tails), platform: d.platform, origin: d.origin, container: d.container, removed: d.removed,
    hasDescription: !!d.description, typeNames: d.typeNames, tags: d.tags, glossaryTerms: d.glossaryTerms, fieldTags: d.fieldTags,
    fieldGlossaryTerms: d.fieldGlossaryTerms, owners: d.owners, domains: d.domains,
    nameWords: uniq(w.name), qualifiedNameWords: uniq(w.qualifiedName), describedWords: uniq(w.described), columnWords: uniq(w.columns),
    document: d,
  };
}

/** Document ids are URNs; one past Elasticsearch's 512-byte id limit is replaced by its SHA-256. */
export function documentId(urn: string): string {
  return Buffer.byteLength(urn) <= 500 ? urn : `sha256:${createHash('sha256').update(urn).digest('hex')}`;
}
