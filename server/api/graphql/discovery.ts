// Search, autocomplete, lineage and analytics over GraphQL, in DataHub's shapes where sensible
// (searchAcrossEntities, autoComplete, searchAcrossLineage). Resolvers call the search engine and
// the lineage graph services; every read needs the reader role.
import { GraphQLError } from 'graphql';
import { parseUrn, urnName } from '../../../model/urn.js';
import type { LineageGraph, WalkResult } from '../../graph/lineage-graph.js';
import type { SearchEngine, SearchField, SearchFilter } from '../../search/search-engine.js';
import { SEARCH_FIELDS } from '../../search/search-engine.js';
import type { GraphQLContext } from './context.js';

export const discoveryTypeDefs = /* GraphQL */ `
  enum LineageDirection { UPSTREAM DOWNSTREAM }
  input FacetFilterInput { field: String! values: [String!] condition: String negated: Boolean }
  input AndFilterInput { and: [FacetFilterInput!]! }
  input SearchAcrossEntitiesInput {
    types: [EntityType!] query: String! start: Int count: Int
    "OR of ANDs, as DataHub's orFilters"
    orFilters: [AndFilterInput!]
    facets: [String!] explain: Boolean includeRemoved: Boolean
  }
  type EntityRef { urn: String! type: EntityType! name: String! }
  type MatchedField { name: String! value: String! }
  type SearchExplanation { rule: String! score: Float! reason: String! }
  type SearchResult { entity: EntityRef! matchedFields: [MatchedField!]! explanation: SearchExplanation }
  type AggregationMetadata { value: String! count: Long! }
  type FacetMetadata { field: String! aggregations: [AggregationMetadata!]! }
  type SearchResults { start: Int! count: Int! total: Int! searchResults: [SearchResult!]! facets: [FacetMetadata!]! }
  input AutoCompleteInput { types: [EntityType!] query: String! limit: Int }
  type AutoCompleteResults { query: String! suggestions: [String!]! entities: [EntityRef!]! }
  input LineageInput {
    urn: String! direction: LineageDirection! maxHops: Int start: Int count: Int
    platforms: [String!] types: [EntityType!] includeRemoved: Boolean
  }
  type HopCount { degree: Int! count: Int! }
  type LineageRelationshipResult { entity: EntityRef! degree: Int! path: [String!]! relationship: String! lineageType: String }
  type LineageResults { start: Int! count: Int! total: Int! truncated: Boolean! countsPerHop: [HopCount!]! relationships: [LineageRelationshipResult!]! }
  type AnalyticsSummary {
    totalDatasets: Long!
    datasetsByPlatform: [AggregationMetadata!]!
    datasetsByEnv: [AggregationMetadata!]!
    datasetsByTag: [AggregationMetadata!]!
    datasetsByGlossaryTerm: [AggregationMetadata!]!
    datasetsByOwner: [AggregationMetadata!]!
    "Share of datasets with a description, and with at least one owner (0..1)"
    descriptionCoverage: Float!
    ownerCoverage: Float!
  }
  extend type Query {
    searchAcrossEntities(input: SearchAcrossEntitiesInput!): SearchResults!
    autoComplete(input: AutoCompleteInput!): AutoCompleteResults!
    "Entity-level lineage: upstream or downstream to maxHops, paged, with counts per hop"
    searchAcrossLineage(input: LineageInput!): LineageResults!
    "Column-level lineage from a schemaField URN"
    columnLineage(input: LineageInput!): LineageResults!
    "Everything downstream of a dataset or a column"
    impactAnalysis(urn: String!): LineageResults!
    analytics: AnalyticsSummary!
  }
`;

const TYPE_TO_ENUM: Record<string, string> = {
  dataset: 'DATASET', container: 'CONTAINER', glossaryTerm: 'GLOSSARY_TERM', glossaryNode: 'GLOSSARY_NODE', tag: 'TAG',
  corpuser: 'CORP_USER', corpGroup: 'CORP_GROUP', dataFlow: 'DATA_FLOW', dataJob: 'DATA_JOB', domain: 'DOMAIN',
};
const ENUM_TO_TYPE = Object.fromEntries(Object.entries(TYPE_TO_ENUM).map(([k, v]) => [v, k]));

export const entityRef = (urn: string, name?: string) => {
  const type = parseUrn(urn).entityType;
  return { urn, type: TYPE_TO_ENUM[type] ?? 'OTHER', name: name ?? displayName(urn) };
};

function displayName(urn: string): string {
  const p = parseUrn(urn);
  if (p.entityType === 'dataset') return (p.parts[1] ?? urn).split('.').pop() ?? urn;
  if (p.entityType === 'schemaField') return p.parts[1] ?? urn;
  return p.parts.length > 1 ? (p.parts[p.parts.length - 1] ?? urn) : urnName(urn);
}

function need<T>(service: T | null | undefined, what: string): T {
  if (!service) throw new GraphQLError(`${what} is not configured on this server`, { extensions: { code: 'NOT_AVAILABLE' } });
  return service;
}

function field(name: string): SearchField {
  if (!(SEARCH_FIELDS as readonly string[]).includes(name)) {
    throw new GraphQLError(`unknown filter or facet field "${name}"; use one of ${SEARCH_FIELDS.join(', ')}`, { extensions: { code: 'BAD_REQUEST' } });
  }
  return name as SearchField;
}

type FacetFilterInput = { field: string; values?: string[] | null; condition?: string | null; negated?: boolean | null };

function toFilter(orFilters: Array<{ and: FacetFilterInput[] }> | null | undefined): SearchFilter | undefined {
  if (!orFilters?.length) return undefined;
  return {
    or: orFilters.map((group) => ({
      and: group.and.map((f) => ({ field: field(f.field), values: f.values ?? undefined, condition: (f.condition ?? 'EQUAL') as never, negated: Boolean(f.negated) })),
    })),
  };
}

const toTypes = (types: string[] | null | undefined) => (types?.length ? types.map((t) => ENUM_TO_TYPE[t] ?? t) : undefined);

function lineageResults(r: WalkResult) {
  return {
    start: r.start,
    count: r.count,
    total: r.total,
    truncated: r.truncated,
    countsPerHop: Object.entries(r.countsPerHop).map(([degree, count]) => ({ degree: Number(degree), count })),
    relationships: r.nodes.map((n) => ({ entity: entityRef(n.urn), degree: n.degree, path: n.path, relationship: n.relationship, lineageType: n.lineageType })),
  };
}

type LineageInput = { urn: string; direction: 'UPSTREAM' | 'DOWNSTREAM'; maxHops?: number; start?: number; count?: number; platforms?: string[]; types?: string[]; includeRemoved?: boolean };

function walkQuery(input: LineageInput) {
  return {
    direction: input.direction,
    maxHops: Math.min(input.maxHops ?? 1, 20),
    start: input.start ?? 0,
    count: Math.min(input.count ?? 100, 1000),
    includeRemoved: Boolean(input.includeRemoved),
    filters: { platforms: input.platforms ?? undefined, entityTypes: toTypes(input.types) },
  };
}

export interface DiscoveryServices {
  search: SearchEngine | null;
  graph: LineageGraph | null;
}

export function discoveryResolvers(services: DiscoveryServices, guardRead: (ctx: GraphQLContext) => void) {
  const facetCounts = (facets: Array<{ field: string; values: Array<{ value: string; count: number }> }>, name: string) =>
    facets.find((f) => f.field === name)?.values.map((v) => ({ value: v.value, count: v.count })) ?? [];
  return {
    Query: {
      searchAcrossEntities: async (_: unknown, { input }: { input: any }, ctx: GraphQLContext) => {
        guardRead(ctx);
        const r = await need(services.search, 'search').search({
          query: input.query,
          types: toTypes(input.types),
          filter: toFilter(input.orFilters),
          facets: input.facets?.map(field),
          start: input.start ?? 0,
          count: Math.min(input.count ?? 10, 1000),
          explain: Boolean(input.explain),
          includeRemoved: Boolean(input.includeRemoved),
        });
        return {
          start: r.start,
          count: r.count,
          total: r.total,
          searchResults: r.hits.map((h) => ({ entity: entityRef(h.urn, h.name), matchedFields: h.explanation?.matchedFields ?? [], explanation: h.explanation ?? null })),
          facets: r.facets.map((f) => ({ field: f.field, aggregations: f.values })),
        };
      },
      autoComplete: async (_: unknown, { input }: { input: any }, ctx: GraphQLContext) => {
        guardRead(ctx);
        const s = await need(services.search, 'search').autocomplete(input.query, { types: toTypes(input.types), limit: Math.min(input.limit ?? 10, 100) });
        return { query: input.query, suggestions: s.map((x) => x.text), entities: s.map((x) => entityRef(x.urn, x.text)) };
      },
      searchAcrossLineage: async (_: unknown, { input }: { input: LineageInput }, ctx: GraphQLContext) => {
        guardRead(ctx);
        return lineageResults(await need(services.graph, 'lineage').walk({ urn: input.urn, ...walkQuery(input) }));
      },
      columnLineage: async (_: unknown, { input }: { input: LineageInput }, ctx: GraphQLContext) => {
        guardRead(ctx);
        return lineageResults(await need(services.graph, 'lineage').walkColumns({ schemaFieldUrn: input.urn, ...walkQuery(input) }));
      },
      impactAnalysis: async (_: unknown, { urn }: { urn: string }, ctx: GraphQLContext) => {
        guardRead(ctx);
        return lineageResults(await need(services.graph, 'lineage').impact(urn));
      },
      analytics: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
        guardRead(ctx);
        const search = need(services.search, 'search');
        const all = await search.search({ query: '*', types: ['dataset'], count: 0, facets: ['platform', 'origin', 'tags', 'glossaryTerms', 'owners'], maxFacetValues: 50 });
        const described = await search.search({ query: '*', types: ['dataset'], count: 0, facets: [], filter: { field: 'hasDescription', values: ['true'] } });
        const owned = await search.search({ query: '*', types: ['dataset'], count: 0, facets: [], filter: { field: 'owners', condition: 'EXISTS' } });
        const share = (n: number) => (all.total ? n / all.total : 0);
        return {
          totalDatasets: all.total,
          datasetsByPlatform: facetCounts(all.facets, 'platform'),
          datasetsByEnv: facetCounts(all.facets, 'origin'),
          datasetsByTag: facetCounts(all.facets, 'tags'),
          datasetsByGlossaryTerm: facetCounts(all.facets, 'glossaryTerms'),
          datasetsByOwner: facetCounts(all.facets, 'owners'),
          descriptionCoverage: share(described.total),
          ownerCoverage: share(owned.total),
        };
      },
    },
  };
}
