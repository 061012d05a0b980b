// Domain transformers: add_domain, simple_add_domain, pattern_add_domain (all ownable entity
// types), their dataset-only legacy forms, and domain_mapping_based_on_tags.
import { z } from 'zod';
import type { AspectValue, MetadataChangeProposal } from '../../model/mcp.js';
import { makeMcp } from '../../model/mcp.js';
import type { RunContext, Transformer } from '../api/plugin.js';
import { KeyValuePattern, keyValuePatternSchema } from '../common/pattern.js';
import { asArray, type Domains } from './common/aspects.js';
import { callableSpecSchema, loadCallable } from './common/callable.js';
import { ContainerPaths } from './common/containers.js';
import { DATASET, defineTransformer, OWNABLE } from './common/define.js';
import { DomainRegistry } from './common/domain-registry.js';
import { mergeDomains } from './common/merge.js';
import { currentAspect, patchCatalog, requireCatalog, semanticsShape, type SemanticsConfig } from './common/semantics.js';
import { singleAspectTransformer } from './common/single-aspect.js';
import { TagCollector } from './common/tag-collector.js';

type DomainsToAdd = (urn: string) => Promise<string[]>;

interface DomainOptions extends SemanticsConfig {
  entity_types?: string[] | null;
  on_conflict?: 'DO_UPDATE' | 'DO_NOTHING';
  is_container?: boolean;
}

const onConflictSchema = z
  .enum(['DO_UPDATE', 'DO_NOTHING'])
  .default('DO_UPDATE')
  .describe('DO_NOTHING leaves entities that already have domains in the catalog untouched');
const entityTypesSchema = z.array(z.string()).nullable().default(null).describe("Entity types to set domains on; null for the transformer's default set");
const isContainerSchema = z.boolean().default(false).describe("Also set the domains on the containers in each entity's browse path");

/**
 * domains = the source's (unless replace_existing) ∪ the added ones; with PATCH the catalog's
 * domains come first. DO_NOTHING skips entities the catalog already gives a domain.
 */
export function domainsTransformer(type: string, config: DomainOptions, ctx: RunContext, defaultTypes: string[], toAdd: DomainsToAdd): Transformer {
  const catalog = patchCatalog(type, config, ctx);
  const conflictReader = config.on_conflict === 'DO_NOTHING' ? requireCatalog(type, ctx, 'on_conflict: DO_NOTHING checks the catalog') : null;
  const paths = config.is_container ? new ContainerPaths() : null;
  return singleAspectTransformer({
    aspectName: 'domains',
    entityTypes: config.entity_types ?? defaultTypes,
    observe: paths ? (mcp) => paths.observe(mcp) : undefined,
    async transform(urn, aspect) {
      const added = await toAdd(urn);
      if (aspect === null && added.length === 0) return null;
      let domains = mergeDomains(aspect && !config.replace_existing ? asArray<string>(aspect.domains) : [], added);
      if (conflictReader && domains.length > 0) {
        const server = await currentAspect<Domains>(conflictReader, urn, 'domains');
        if (server && asArray(server.domains).length > 0) return null;
      }
      if (catalog) {
        const server = await currentAspect<Domains>(catalog, urn, 'domains');
        if (domains.length === 0) return (server as AspectValue | null) ?? null;
        if (server) domains = mergeDomains(asArray<string>(server.domains), domains);
      }
      return { ...(aspect ?? {}), domains } as AspectValue;
    },
    endOfStream: paths
      ? async (seen) => {
          const byContainer = new Map<string, string[]>();
          for (const urn of seen) {
            const domains = await toAdd(urn);
            if (domains.length === 0) continue;
            for (const c of await paths.containersOf(urn, ctx.catalog)) byContainer.set(c, mergeDomains(byContainer.get(c) ?? [], domains));
          }
          return [...byContainer].map(([c, domains]): MetadataChangeProposal => makeMcp(c, 'domains', { domains }));
        }
      : undefined,
  });
}

/** Resolves every name among the given domains now, so a missing domain fails at create(). */
async function resolvedTable(type: string, ctx: RunContext, domains: Iterable<string>): Promise<Map<string, string>> {
  const registry = new DomainRegistry(type, ctx);
  const table = new Map<string, string>();
  for (const d of domains) table.set(d, await registry.resolve(d));
  return table;
}

function simple(type: string, defaultTypes: string[], description: string) {
  return defineTransformer({
    type,
    description,
    touches: { entityTypes: defaultTypes, aspect: 'domains' },
    configSchema: z.strictObject({
      domains: z.array(z.string()).describe('Domain urns, UUIDs, or names of domains in the catalog'),
      on_conflict: onConflictSchema,
      entity_types: entityTypesSchema,
      ...semanticsShape,
    }),
    async create(config, ctx) {
      const domains = [...(await resolvedTable(type, ctx, config.domains)).values()];
      return domainsTransformer(type, config, ctx, defaultTypes, async () => domains);
    },
  });
}

function pattern(type: string, defaultTypes: string[], description: string) {
  return defineTransformer({
    type,
    description,
    touches: { entityTypes: defaultTypes, aspect: 'domains' },
    configSchema: z.strictObject({
      domain_pattern: keyValuePatternSchema
        .default({ rules: {}, first_match_only: true })
        .describe('Rules {regex: [domain urns or names]} matched from the start of the entity urn'),
      is_container: isContainerSchema,
      entity_types: entityTypesSchema,
      ...semanticsShape,
    }),
    async create(config, ctx) {
      const table = await resolvedTable(type, ctx, Object.values(config.domain_pattern.rules).flat());
      const rules = new KeyValuePattern(config.domain_pattern);
      return domainsTransformer(type, config, ctx, defaultTypes, async (urn) => rules.valuesFor(urn).map((d) => table.get(d)!));
    },
  });
}

export const simpleAddDomain = simple('simple_add_domain', OWNABLE, 'Adds a fixed set of domains to every entity');
export const simpleAddDatasetDomain = simple('simple_add_dataset_domain', DATASET, 'Adds a fixed set of domains to every dataset (deprecated form of simple_add_domain)');
export const patternAddDomain = pattern('pattern_add_domain', OWNABLE, 'Adds domains to entities whose urn matches a regex');
export const patternAddDatasetDomain = pattern('pattern_add_dataset_domain', DATASET, 'Adds domains to datasets by urn regex (deprecated form of pattern_add_domain)');

export const addDomain = defineTransformer({
  type: 'add_domain',
  aliases: ['add_dataset_domain'],
  description: 'Adds the domains a JavaScript function returns for each entity urn',
  touches: { entityTypes: OWNABLE, aspect: 'domains' },
  configSchema: z.strictObject({
    get_domains_to_add: callableSpecSchema('Function (urn) => domain urns/names, or {domains: [...]}'),
    on_conflict: onConflictSchema,
    is_container: isContainerSchema,
    entity_types: entityTypesSchema,
    ...semanticsShape,
  }),
  async create(config, ctx) {
    const fn = await loadCallable<unknown>(config.get_domains_to_add, ctx.baseDir, 'add_domain');
    const registry = new DomainRegistry('add_domain', ctx);
    return domainsTransformer('add_domain', config, ctx, OWNABLE, async (urn) => {
      const value = await fn(urn);
      const list = Array.isArray(value) ? value : asArray<string>((value as Domains | null)?.domains);
      return registry.resolveAll(list as string[]);
    });
  },
});

export const domainMappingBasedOnTags = defineTransformer({
  type: 'domain_mapping_based_on_tags',
  description: 'Adds the domain mapped to each tag a dataset carries',
  touches: { entityTypes: DATASET, aspect: 'domains' },
  configSchema: z.strictObject({
    domain_mapping: z.record(z.string(), z.string()).describe('Tag name (not urn) -> domain urn or name'),
    ...semanticsShape,
  }),
  async create(config, ctx) {
    const table = await resolvedTable('domain_mapping_based_on_tags', ctx, Object.values(config.domain_mapping));
    const collector = new TagCollector(false);
    const reader = ctx.catalog;
    const inner = domainsTransformer('domain_mapping_based_on_tags', config, ctx, DATASET, async (urn) => {
      const names = (await collector.tags(urn, reader)).map((t) => t.replace(/^urn:li:tag:/, ''));
      return Object.keys(config.domain_mapping).filter((tag) => names.includes(tag)).map((tag) => table.get(config.domain_mapping[tag]!)!);
    });
    return {
      report: inner.report,
      transform: (stream) =>
        inner.transform(
          (async function* () {
            for await (const wu of stream) {
              collector.observe(wu.mcp);
              yield wu;
            }
          })(),
        ),
    };
  },
});

export const domainTransformers = [simpleAddDomain, simpleAddDatasetDomain, patternAddDomain, patternAddDatasetDomain, addDomain, domainMappingBasedOnTags];
