// What the web UI needs beyond DataHub's core shapes: who the caller is and what their role
// allows (so the UI hides edit controls from readers), recently changed entities for the home
// page, ingestion runs with their outcomes for analytics, and the dataset behind a search or
// lineage result (so a result list needs one request, not one per row).
import { parseUrn } from '../../../model/urn.js';
import { allows } from '../../auth/roles.js';
import type { GraphQLContext } from './context.js';
import { entityRef } from './discovery.js';

type Json = Record<string, any>;

export const uiTypeDefs = /* GraphQL */ `
  type Viewer {
    "urn:li:corpuser:<name> of the token's actor"
    actor: String!
    username: String!
    role: String!
    canEdit: Boolean!
    canManageTokens: Boolean!
  }
  type RecentChange { entity: EntityRef! changedAt: Long! }
  type IngestionRun {
    urn: String!
    runId: String!
    "The ingestion source's name, e.g. [CLI] postgres-pipeline-tickit"
    name: String
    sourceType: String
    "SUCCESS or FAILURE, as reported by the run"
    status: String
    startTimeMs: Long
    durationMs: Long
  }
  type ValueFrequency { value: String! frequency: Long! }
  type Quantile { quantile: String! value: String! }
  type Histogram { boundaries: [String!]! heights: [Float!]! }
  extend type FieldProfile {
    "Most frequent values with their counts (profiler option include_field_distinct_value_frequencies)"
    distinctValueFrequencies: [ValueFrequency!]
    quantiles: [Quantile!]
    histogram: Histogram
  }
  extend type EntityRef {
    "The dataset itself, when the entity is one"
    dataset: Dataset
  }
  extend type Query {
    viewer: Viewer!
    "Entities of a type (default DATASET) whose metadata changed most recently, newest first"
    recentlyChanged(type: EntityType, count: Int): [RecentChange!]!
    "Ingestion runs recorded by the datahub reporter, newest first"
    ingestionRuns(count: Int): [IngestionRun!]!
  }
`;

const ENUM_TO_TYPE: Record<string, string> = { DATASET: 'dataset', CONTAINER: 'container', GLOSSARY_TERM: 'glossaryTerm', GLOSSARY_NODE: 'glossaryNode', TAG: 'tag', DATA_FLOW: 'dataFlow', DATA_JOB: 'dataJob', DOMAIN: 'domain' };

export function uiResolvers(guardRead: (ctx: GraphQLContext) => void) {
  return {
    EntityRef: {
      dataset: (e: { urn: string }) => (parseUrn(e.urn).entityType === 'dataset' ? { urn: e.urn } : null),
    },
    Query: {
      viewer: (_: unknown, __: unknown, ctx: GraphQLContext) => {
        guardRead(ctx);
        const p = ctx.principal;
        return { actor: p.actor, username: p.actor.replace(/^urn:li:corpuser:/, ''), role: p.role, canEdit: allows(p.role, 'write'), canManageTokens: allows(p.role, 'manage-tokens') };
      },
      recentlyChanged: async (_: unknown, args: { type?: string; count?: number }, ctx: GraphQLContext) => {
        guardRead(ctx);
        const type = ENUM_TO_TYPE[args.type ?? 'DATASET'] ?? 'dataset';
        const rows = await ctx.metadata.listRecentlyChanged(type, Math.min(Math.max(args.count ?? 10, 1), 100));
        return rows.map((r) => ({ entity: entityRef(r.urn), changedAt: r.changedAt.getTime() }));
      },
      ingestionRuns: async (_: unknown, args: { count?: number }, ctx: GraphQLContext) => {
        guardRead(ctx);
        const runs = [];
        for (const urn of await ctx.metadata.listUrns('dataHubExecutionRequest', 1000)) {
          const e = (await ctx.entity(urn)) ?? {};
          const result = e.dataHubExecutionRequestResult as Json | undefined;
          const input = e.dataHubExecutionRequestInput as Json | undefined;
          const sourceUrn = input?.source?.ingestionSource as string | undefined;
          const source = sourceUrn ? (((await ctx.entity(sourceUrn)) ?? {}).dataHubIngestionSourceInfo as Json | undefined) : undefined;
          runs.push({
            urn,
            runId: urn.replace(/^urn:li:dataHubExecutionRequest:/, ''),
            name: source?.name ?? null,
            sourceType: source?.type ?? null,
            status: result?.status ?? null,
            startTimeMs: result?.startTimeMs ?? input?.requestedAt ?? null,
            durationMs: result?.durationMs ?? null,
          });
        }
        runs.sort((a, b) => (b.startTimeMs ?? 0) - (a.startTimeMs ?? 0));
        return runs.slice(0, Math.min(Math.max(args.count ?? 100, 1), 1000));
      },
    },
  };
}
