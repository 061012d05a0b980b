// Resolvers: thin, each one a call to a service. Reads need the reader role, mutations editor.
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { parseDatasetUrn, parseUrn, urnName } from '../../../model/urn.js';
import { allows, requiredRole, type Action } from '../../auth/roles.js';
import { ApiError } from '../../services/errors.js';
import { datasetSchemaTimeline } from '../../services/schema-history/index.js';
import type { GraphQLContext } from './context.js';

type Json = Record<string, any>;

export function guard(ctx: GraphQLContext, action: Action): void {
  if (!allows(ctx.principal.role, action)) {
    throw new GraphQLError(`${ctx.principal.actor} (role ${ctx.principal.role}) may not ${action}: it needs role ${requiredRole(action)}`, {
      extensions: { code: 'FORBIDDEN' },
    });
  }
}

/** Runs a service call, turning API errors into GraphQL errors with `extensions.code`. */
async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ApiError) throw new GraphQLError(e.message, { extensions: { code: e.code } });
    throw e;
  }
}

function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value)]));
    case Kind.LIST:
      return ast.values.map(literal);
    default:
      return null;
  }
}

const JSONScalar = new GraphQLScalarType({ name: 'JSON', serialize: (v) => v, parseValue: (v) => v, parseLiteral: literal });
const LongScalar = new GraphQLScalarType({
  name: 'Long',
  serialize: (v) => Number(v),
  parseValue: (v) => Number(v),
  parseLiteral: (ast) => (ast.kind === Kind.INT ? Number(ast.value) : null),
});

const props = (m: Json | undefined) => Object.entries(m ?? {}).map(([key, value]) => ({ key, value: value == null ? null : String(value) }));
const tagRef = (urn: string) => ({ urn, type: 'TAG', name: urnName(urn) });
const termRef = (urn: string) => ({ urn });

function mergeFields(schema: Json | undefined, editable: Json | undefined): Json[] {
  const edits = new Map<string, Json>(((editable?.editableSchemaFieldInfo ?? []) as Json[]).map((e) => [e.fieldPath, e]));
  return ((schema?.fields ?? []) as Json[]).map((f) => {
    const e = edits.get(f.fieldPath);
    const tags = [...(f.globalTags?.tags ?? []), ...(e?.globalTags?.tags ?? [])];
    const terms = [...(f.glossaryTerms?.terms ?? []), ...(e?.glossaryTerms?.terms ?? [])];
    return {
      fieldPath: f.fieldPath,
      type: Object.keys(f.type?.type ?? {})[0]?.split('.').pop()?.replace(/Type$/, '').toUpperCase() ?? null,
      nativeDataType: f.nativeDataType ?? null,
      description: e?.description ?? f.description ?? null,
      nullable: Boolean(f.nullable),
      isPartOfKey: Boolean(f.isPartOfKey),
      tags: { tags: dedupe(tags, 'tag').map((t) => ({ tag: tagRef(t.tag), context: t.context ?? null })) },
      glossaryTerms: { terms: dedupe(terms, 'urn').map((t) => ({ term: termRef(t.urn) })) },
    };
  });
}

function dedupe(items: Json[], key: string): Json[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i[key]) ? false : (seen.add(i[key]), true)));
}

const subResource = (input: { subResourceType?: string | null; subResource?: string | null }) =>
  input.subResourceType === 'DATASET_FIELD' || input.subResource ? (input.subResource ?? null) : null;

export const resolvers = {
  JSON: JSONScalar,
  Long: LongScalar,
  Entity: { __resolveType: (e: { type: string }) => ({ DATASET: 'Dataset', GLOSSARY_TERM: 'GlossaryTerm', GLOSSARY_NODE: 'GlossaryNode', TAG: 'Tag', CORP_USER: 'CorpUser' })[e.type] ?? null },

  Query: {
    me: (_: unknown, __: unknown, ctx: GraphQLContext) => {
      guard(ctx, 'read');
      return { urn: ctx.principal.actor, type: 'CORP_USER', username: urnName(ctx.principal.actor) };
    },
    dataset: async (_: unknown, { urn }: { urn: string }, ctx: GraphQLContext) => {
      guard(ctx, 'read');
      const e = await call(() => ctx.entity(urn));
      return e && parseUrn(urn).entityType === 'dataset' ? { urn } : null;
    },
    glossaryTerm: async (_: unknown, { urn }: { urn: string }, ctx: GraphQLContext) => {
      guard(ctx, 'read');
      return (await call(() => ctx.entity(urn))) ? { urn } : null;
    },
    glossaryNode: async (_: unknown, { urn }: { urn: string }, ctx: GraphQLContext) => {
      guard(ctx, 'read');
      return (await call(() => ctx.entity(urn))) ? { urn } : null;
    },
    tag: async (_: unknown, { urn }: { urn: string }, ctx: GraphQLContext) => {
      guard(ctx, 'read');
      const e = await call(() => ctx.entity(urn));
      return e ? { ...tagRef(urn), name: (e.tagProperties as Json | undefined)?.name ?? urnName(urn), description: (e.tagProperties as Json | undefined)?.description ?? null } : null;
    },
    getRootGlossaryNodes: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      guard(ctx, 'read');
      const urns = await ctx.metadata.listUrns('glossaryNode');
      const out = [];
      for (const urn of urns) if (!((await ctx.entity(urn))?.glossaryNodeInfo as Json | undefined)?.parentNode) out.push({ urn });
      return out;
    },
    getRootGlossaryTerms: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      guard(ctx, 'read');
      const urns = await ctx.metadata.listUrns('glossaryTerm');
      const out = [];
      for (const urn of urns) if (!((await ctx.entity(urn))?.glossaryTermInfo as Json | undefined)?.parentNode) out.push({ urn });
      return out;
    },
    schemaTimeline: async (_: unknown, { urn, compatibility }: { urn: string; compatibility?: string | null }, ctx: GraphQLContext) => {
      guard(ctx, 'read');
      const timeline = await call(() => datasetSchemaTimeline(ctx.metadata, urn, compatibility));
      return timeline.versions.map((v) => ({ ...v, compatibility: timeline.compatibility }));
    },
  },

  Dataset: {
    type: () => 'DATASET',
    name: (d: { urn: string }) => parseDatasetUrn(d.urn).name.split('.').pop(),
    platform: (d: { urn: string }) => {
      const name = parseDatasetUrn(d.urn).platform;
      return { urn: `urn:li:dataPlatform:${name}`, name };
    },
    origin: (d: { urn: string }) => parseDatasetUrn(d.urn).env,
    properties: async (d: { urn: string }, _: unknown, ctx: GraphQLContext) => {
      const p = (await ctx.entity(d.urn))?.datasetProperties as Json | undefined;
      return p ? { ...p, customProperties: props(p.customProperties) } : null;
    },
    editableDescription: async (d: { urn: string }, _: unknown, ctx: GraphQLContext) =>
      ((await ctx.entity(d.urn))?.editableDatasetProperties as Json | undefined)?.description ?? null,
    schemaMetadata: async (d: { urn: string }, _: unknown, ctx: GraphQLContext) => {
      const e = await ctx.entity(d.urn);
      const s = e?.schemaMetadata as Json | undefined;
      if (!s) return null;
      return { name: s.schemaName, platformUrn: s.platform, version: s.version, primaryKeys: s.primaryKeys ?? null, fields: mergeFields(s, e?.editableSchemaMetadata as Json) };
    },
    tags: async (d: { urn: string }, _: unknown, ctx: GraphQLContext) => {
      const t = (await ctx.entity(d.urn))?.globalTags as Json | undefined;
      return t ? { tags: (t.tags as Json[]).map((a) => ({ tag: tagRef(a.tag), context: a.context ?? null })) } : null;
    },
    glossaryTerms: async (d: { urn: string }, _: unknown, ctx: GraphQLContext) => {
      const t = (await ctx.entity(d.urn))?.glossaryTerms as Json | undefined;
      return t ? { terms: (t.terms as Json[]).map((a) => ({ term: termRef(a.urn) })) } : null;
    },
    ownership: async (d: { urn: string }, _: unknown, ctx: GraphQLContext) => {
      const o = (await ctx.entity(d.urn))?.ownership as Json | undefined;
      return o ? { owners: (o.owners as Json[]).map((x) => ({ owner: x.owner, type: x.type, ownershipTypeUrn: x.typeUrn ?? null })) } : null;
    },
    subTypes: async (d: { urn: string }, _: unknown, ctx: GraphQLContext) => ((await ctx.entity(d.urn))?.subTypes as Json | undefined)?.typeNames ?? [],
    container: async (d: { urn: string }, _: unknown, ctx: GraphQLContext) => ((await ctx.entity(d.urn))?.container as Json | undefined)?.container ?? null,
    removed: async (d: { urn: string }, _: unknown, ctx: GraphQLContext) => Boolean(((await ctx.entity(d.urn))?.status as Json | undefined)?.removed),
    upstreams: async (d: { urn: string }, _: unknown, ctx: GraphQLContext) =>
      (((await ctx.entity(d.urn))?.upstreamLineage as Json | undefined)?.upstreams ?? []).map((u: Json) => ({ dataset: u.dataset, type: u.type ?? null })),
    datasetProfiles: async (d: { urn: string }, args: { startTimeMillis?: number; endTimeMillis?: number; limit?: number }, ctx: GraphQLContext) =>
      (await ctx.metadata.getTimeseries(d.urn, 'datasetProfile', { ...args, limit: Math.min(args.limit ?? 100, 1000) })).map((v) => ({
        ...v.value,
        fieldProfiles: (v.value as Json).fieldProfiles ?? [],
      })),
    operations: async (d: { urn: string }, args: { startTimeMillis?: number; endTimeMillis?: number; limit?: number }, ctx: GraphQLContext) =>
      (await ctx.metadata.getTimeseries(d.urn, 'operation', { ...args, limit: Math.min(args.limit ?? 100, 1000) })).map((v) => ({
        ...v.value,
        customProperties: props((v.value as Json).customProperties),
      })),
    aspects: async (d: { urn: string }, _: unknown, ctx: GraphQLContext) => (await ctx.entity(d.urn)) ?? {},
  },

  GlossaryTerm: {
    type: () => 'GLOSSARY_TERM',
    name: async (t: { urn: string }, _: unknown, ctx: GraphQLContext) => ((await ctx.entity(t.urn))?.glossaryTermInfo as Json | undefined)?.name ?? urnName(t.urn),
    definition: async (t: { urn: string }, _: unknown, ctx: GraphQLContext) => ((await ctx.entity(t.urn))?.glossaryTermInfo as Json | undefined)?.definition ?? null,
    termSource: async (t: { urn: string }, _: unknown, ctx: GraphQLContext) => ((await ctx.entity(t.urn))?.glossaryTermInfo as Json | undefined)?.termSource ?? null,
    customProperties: async (t: { urn: string }, _: unknown, ctx: GraphQLContext) => props(((await ctx.entity(t.urn))?.glossaryTermInfo as Json | undefined)?.customProperties),
    parentNode: async (t: { urn: string }, _: unknown, ctx: GraphQLContext) => {
      const p = ((await ctx.entity(t.urn))?.glossaryTermInfo as Json | undefined)?.parentNode;
      return p ? { urn: p } : null;
    },
    isA: async (t: { urn: string }, _: unknown, ctx: GraphQLContext) =>
      ((((await ctx.entity(t.urn))?.glossaryRelatedTerms as Json | undefined)?.isRelatedTerms ?? []) as string[]).map((urn) => ({ urn })),
    hasA: async (t: { urn: string }, _: unknown, ctx: GraphQLContext) =>
      ((((await ctx.entity(t.urn))?.glossaryRelatedTerms as Json | undefined)?.hasRelatedTerms ?? []) as string[]).map((urn) => ({ urn })),
    relatedTerms: async (t: { urn: string }, _: unknown, ctx: GraphQLContext) =>
      ((((await ctx.entity(t.urn))?.glossaryRelatedTerms as Json | undefined)?.relatedTerms ?? []) as string[]).map((urn) => ({ urn })),
    inheritedBy: async (t: { urn: string }, _: unknown, ctx: GraphQLContext) =>
      (await ctx.metadata.findReferencing('glossaryRelatedTerms', { isRelatedTerms: [t.urn] })).map((urn) => ({ urn })),
    ownership: async (t: { urn: string }, _: unknown, ctx: GraphQLContext) => {
      const o = (await ctx.entity(t.urn))?.ownership as Json | undefined;
      return o ? { owners: (o.owners as Json[]).map((x) => ({ owner: x.owner, type: x.type, ownershipTypeUrn: x.typeUrn ?? null })) } : null;
    },
    datasets: async (t: { urn: string }, { limit }: { limit?: number }, ctx: GraphQLContext) => {
      const max = Math.min(limit ?? 100, 1000);
      const found = new Set<string>([
        ...(await ctx.metadata.findReferencing('glossaryTerms', { terms: [{ urn: t.urn }] }, max)),
        ...(await ctx.metadata.findReferencing('schemaMetadata', { fields: [{ glossaryTerms: { terms: [{ urn: t.urn }] } }] }, max)),
        ...(await ctx.metadata.findReferencing('editableSchemaMetadata', { editableSchemaFieldInfo: [{ glossaryTerms: { terms: [{ urn: t.urn }] } }] }, max)),
      ]);
      return [...found].filter((u) => u.startsWith('urn:li:dataset:')).sort().slice(0, max).map((urn) => ({ urn }));
    },
  },

  GlossaryNode: {
    type: () => 'GLOSSARY_NODE',
    name: async (n: { urn: string }, _: unknown, ctx: GraphQLContext) => ((await ctx.entity(n.urn))?.glossaryNodeInfo as Json | undefined)?.name ?? urnName(n.urn),
    definition: async (n: { urn: string }, _: unknown, ctx: GraphQLContext) => ((await ctx.entity(n.urn))?.glossaryNodeInfo as Json | undefined)?.definition ?? null,
    parentNode: async (n: { urn: string }, _: unknown, ctx: GraphQLContext) => {
      const p = ((await ctx.entity(n.urn))?.glossaryNodeInfo as Json | undefined)?.parentNode;
      return p ? { urn: p } : null;
    },
    children: async (n: { urn: string }, _: unknown, ctx: GraphQLContext) =>
      (await ctx.metadata.findReferencing('glossaryTermInfo', { parentNode: n.urn })).map((urn) => ({ urn })),
    childNodes: async (n: { urn: string }, _: unknown, ctx: GraphQLContext) =>
      (await ctx.metadata.findReferencing('glossaryNodeInfo', { parentNode: n.urn })).map((urn) => ({ urn })),
  },

  GlossaryTermAssociation: { term: (a: { term: { urn: string } }) => ({ urn: a.term.urn }) },

  Mutation: {
    addTag: (_: unknown, { input }: { input: Json }, ctx: GraphQLContext) => (guard(ctx, 'write'), call(async () => (await ctx.edits.addTag(input.tagUrn, { resourceUrn: input.resourceUrn, subResource: subResource(input) }, ctx.principal.actor), true))),
    removeTag: (_: unknown, { input }: { input: Json }, ctx: GraphQLContext) => (guard(ctx, 'write'), call(async () => (await ctx.edits.removeTag(input.tagUrn, { resourceUrn: input.resourceUrn, subResource: subResource(input) }, ctx.principal.actor), true))),
    addTerm: (_: unknown, { input }: { input: Json }, ctx: GraphQLContext) => (guard(ctx, 'write'), call(async () => (await ctx.edits.addTerm(input.termUrn, { resourceUrn: input.resourceUrn, subResource: subResource(input) }, ctx.principal.actor), true))),
    removeTerm: (_: unknown, { input }: { input: Json }, ctx: GraphQLContext) => (guard(ctx, 'write'), call(async () => (await ctx.edits.removeTerm(input.termUrn, { resourceUrn: input.resourceUrn, subResource: subResource(input) }, ctx.principal.actor), true))),
    addOwner: (_: unknown, { input }: { input: Json }, ctx: GraphQLContext) =>
      (guard(ctx, 'write'), call(async () => (await ctx.edits.addOwner(input.ownerUrn, input.type ?? (input.ownershipTypeUrn ? 'CUSTOM' : 'TECHNICAL_OWNER'), input.ownershipTypeUrn ?? null, input.resourceUrn, ctx.principal.actor), true))),
    removeOwner: (_: unknown, { input }: { input: Json }, ctx: GraphQLContext) =>
      (guard(ctx, 'write'), call(async () => (await ctx.edits.removeOwner(input.ownerUrn, input.ownershipTypeUrn ?? null, input.resourceUrn, ctx.principal.actor), true))),
    updateDescription: (_: unknown, { input }: { input: Json }, ctx: GraphQLContext) =>
      (guard(ctx, 'write'), call(async () => (await ctx.edits.updateDescription(input.description, { resourceUrn: input.resourceUrn, subResource: subResource(input) }, ctx.principal.actor), true))),
    createTag: (_: unknown, { input }: { input: Json }, ctx: GraphQLContext) => (guard(ctx, 'write'), call(() => ctx.edits.createTag(input as never, ctx.principal.actor))),
    createGlossaryTerm: (_: unknown, { input }: { input: Json }, ctx: GraphQLContext) => (guard(ctx, 'write'), call(() => ctx.edits.createGlossaryTerm(input as never, ctx.principal.actor))),
  },
};

