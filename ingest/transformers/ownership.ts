// Ownership transformers: add_ownership, simple_add_ownership, pattern_add_ownership (all
// ownable entity types) and their legacy dataset-named forms (every ownable type but container).
import { z } from 'zod';
import type { AspectValue, MetadataChangeProposal } from '../../model/mcp.js';
import type { RunContext, Transformer } from '../api/plugin.js';
import { KeyValuePattern, keyValuePatternSchema } from '../common/pattern.js';
import { asArray, UNKNOWN_AUDIT_STAMP, type AuditStamp, type Owner, type Ownership } from './common/aspects.js';
import { callableSpecSchema, loadCallable } from './common/callable.js';
import { ContainerPaths, pointerSegment } from './common/containers.js';
import { defineTransformer, LEGACY_OWNABLE, OWNABLE } from './common/define.js';
import { mergeOwners, overlayBy, ownerKey } from './common/merge.js';
import { ownershipTypeSchema, parseOwnershipType } from './common/ownership-type.js';
import { currentAspect, patchCatalog, semanticsShape, type SemanticsConfig } from './common/semantics.js';
import { singleAspectTransformer } from './common/single-aspect.js';

type OwnersToAdd = (urn: string) => Promise<Owner[]>;

const ownerCommon = {
  default_actor: z.string().default('urn:li:corpuser:etl').describe('Actor for ownership changes (accepted as DataHub does; not written)'),
  entity_types: z
    .array(z.string())
    .nullable()
    .default(null)
    .describe('Entity types to add owners to; null for the transformer\'s default set'),
  ...semanticsShape,
};
const isContainerSchema = z
  .boolean()
  .default(false)
  .describe("Also add the owners to the containers in each entity's browse path (as a PATCH)");

interface OwnershipOptions extends SemanticsConfig {
  entity_types: string[] | null;
  is_container?: boolean;
}

function makeOwners(urns: readonly string[], ownershipType: string): Owner[] {
  const ref = parseOwnershipType(ownershipType)!;
  return urns.map((owner) => ({ owner, ...ref }));
}

export function toOwners(value: unknown): Owner[] {
  return asArray<unknown>(value).map((o) => (typeof o === 'string' ? { owner: o, type: 'DATAOWNER' } : (o as Owner)));
}

/** The PATCH that adds owners to a container without touching its other owners. */
function containerOwnershipPatch(containerUrn: string, owners: Owner[]): MetadataChangeProposal {
  return {
    entityType: 'container',
    entityUrn: containerUrn,
    changeType: 'PATCH',
    aspectName: 'ownership',
    aspect: owners.map((o) => ({ op: 'add' as const, path: `/owners/${pointerSegment(o.owner)}/${pointerSegment(o.type)}`, value: o })),
  };
}

/**
 * ownership = the source's owners (unless replace_existing) ∪ the added ones, one per (owner,
 * type); lastModified kept from the source's aspect. With PATCH, merged over the catalog's owners.
 */
export function ownershipTransformer(
  type: string,
  config: OwnershipOptions,
  ctx: RunContext,
  defaultTypes: string[],
  ownersToAdd: OwnersToAdd,
): Transformer {
  const catalog = patchCatalog(type, config, ctx);
  const paths = config.is_container ? new ContainerPaths() : null;
  return singleAspectTransformer({
    aspectName: 'ownership',
    entityTypes: config.entity_types ?? defaultTypes,
    observe: paths ? (mcp) => paths.observe(mcp) : undefined,
    async transform(urn, aspect) {
      const existing = aspect && !config.replace_existing ? asArray<Owner>(aspect.owners) : [];
      const added = await ownersToAdd(urn);
      if (aspect === null && added.length === 0) return null;
      let owners = mergeOwners(existing, added);
      if (catalog) {
        if (owners.length === 0) return null;
        const server = await currentAspect<Ownership>(catalog, urn, 'ownership');
        if (server) owners = overlayBy(asArray<Owner>(server.owners), owners, ownerKey);
      }
      return {
        owners,
        ownerTypes: (aspect?.ownerTypes as Record<string, unknown> | undefined) ?? {},
        lastModified: (aspect?.lastModified as AuditStamp | undefined) ?? UNKNOWN_AUDIT_STAMP,
      } as AspectValue;
    },
    endOfStream: paths
      ? async (seen) => {
          const byContainer = new Map<string, Owner[]>();
          for (const urn of seen) {
            const owners = await ownersToAdd(urn);
            if (owners.length === 0) continue;
            for (const c of await paths.containersOf(urn, ctx.catalog)) byContainer.set(c, [...(byContainer.get(c) ?? []), ...owners]);
          }
          return [...byContainer].map(([c, owners]) => containerOwnershipPatch(c, mergeOwners([], owners)));
        }
      : undefined,
  });
}

const simpleSchema = z.strictObject({
  owner_urns: z.array(z.string()).describe('Owner urns (urn:li:corpuser:..., urn:li:corpGroup:...) to add'),
  ownership_type: ownershipTypeSchema('DATAOWNER'),
  ...ownerCommon,
});

const patternSchema = z.strictObject({
  owner_pattern: keyValuePatternSchema
    .default({ rules: {}, first_match_only: true })
    .describe('Rules {regex: [owner urns]} matched from the start of the entity urn'),
  ownership_type: ownershipTypeSchema('DATAOWNER'),
  is_container: isContainerSchema,
  ...ownerCommon,
});

const callableSchema = z.strictObject({
  get_owners_to_add: callableSpecSchema('Function (urn) => owners ({owner, type, typeUrn?}) or owner urns'),
  is_container: isContainerSchema,
  ...ownerCommon,
});

function simple(type: string, defaultTypes: string[], aliases: string[], description: string) {
  return defineTransformer({
    type,
    aliases,
    description,
    touches: { entityTypes: defaultTypes, aspect: 'ownership' },
    configSchema: simpleSchema,
    create(config, ctx) {
      const owners = makeOwners(config.owner_urns, config.ownership_type);
      return ownershipTransformer(type, config, ctx, defaultTypes, async () => owners);
    },
  });
}

function pattern(type: string, defaultTypes: string[], description: string) {
  return defineTransformer({
    type,
    description,
    touches: { entityTypes: defaultTypes, aspect: 'ownership' },
    configSchema: patternSchema,
    create(config, ctx) {
      const rules = new KeyValuePattern(config.owner_pattern);
      return ownershipTransformer(type, config, ctx, defaultTypes, async (urn) => makeOwners(rules.valuesFor(urn), config.ownership_type));
    },
  });
}

export const simpleAddOwnership = simple('simple_add_ownership', OWNABLE, [], 'Adds a fixed set of owners to every ownable entity');
export const simpleAddDatasetOwnership = simple(
  'simple_add_dataset_ownership',
  LEGACY_OWNABLE,
  [],
  'Adds a fixed set of owners (deprecated form of simple_add_ownership; containers excluded)',
);
export const patternAddOwnership = pattern('pattern_add_ownership', OWNABLE, 'Adds owners to entities whose urn matches a regex');
export const patternAddDatasetOwnership = pattern(
  'pattern_add_dataset_ownership',
  LEGACY_OWNABLE,
  'Adds owners by urn regex (deprecated form of pattern_add_ownership; containers excluded)',
);

export const addOwnership = defineTransformer({
  type: 'add_ownership',
  aliases: ['add_dataset_ownership'],
  description: 'Adds the owners a JavaScript function returns for each entity urn',
  touches: { entityTypes: OWNABLE, aspect: 'ownership' },
  configSchema: callableSchema,
  async create(config, ctx) {
    const fn = await loadCallable<unknown>(config.get_owners_to_add, ctx.baseDir, 'add_ownership');
    return ownershipTransformer('add_ownership', config, ctx, OWNABLE, async (urn) => toOwners(await fn(urn)));
  },
});

export const ownershipTransformers = [
  simpleAddOwnership,
  simpleAddDatasetOwnership,
  patternAddOwnership,
  patternAddDatasetOwnership,
  addOwnership,
];
