// Dataset custom-property transformers: simple_add_dataset_properties, add_dataset_properties.
import { z } from 'zod';
import type { AspectValue } from '../../model/mcp.js';
import type { RunContext, Transformer } from '../api/plugin.js';
import { callableSpecSchema, loadExport } from './common/callable.js';
import { DATASET, defineTransformer } from './common/define.js';
import { currentAspect, patchCatalog, semanticsShape, type SemanticsConfig } from './common/semantics.js';
import { singleAspectTransformer } from './common/single-aspect.js';

type PropertiesToAdd = (urn: string) => Promise<Record<string, string>>;

function customProperties(aspect: AspectValue | null): Record<string, string> {
  const props = aspect?.customProperties;
  return props && typeof props === 'object' ? (props as Record<string, string>) : {};
}

/**
 * datasetProperties with customProperties = the source's (unless replace_existing) updated by the
 * added ones (the config wins on a key collision); with PATCH, the catalog's custom properties are
 * kept under them. Other datasetProperties fields pass through.
 */
export function propertiesTransformer(type: string, config: SemanticsConfig, ctx: RunContext, toAdd: PropertiesToAdd): Transformer {
  const catalog = patchCatalog(type, config, ctx);
  return singleAspectTransformer({
    aspectName: 'datasetProperties',
    entityTypes: DATASET,
    async transform(urn, aspect) {
      const added = await toAdd(urn);
      if (aspect === null && Object.keys(added).length === 0) return null;
      let props = { ...(config.replace_existing ? {} : customProperties(aspect)), ...added };
      if (catalog) {
        const server = await currentAspect<AspectValue>(catalog, urn, 'datasetProperties');
        props = { ...customProperties(server), ...props };
      }
      return { ...(aspect ?? { tags: [] }), customProperties: props };
    },
  });
}

export const simpleAddDatasetProperties = defineTransformer({
  type: 'simple_add_dataset_properties',
  description: 'Adds fixed custom properties to every dataset',
  touches: { entityTypes: DATASET, aspect: 'datasetProperties' },
  configSchema: z.strictObject({
    properties: z.record(z.string(), z.string()).describe('Custom properties to set; they win over the source\'s on a key collision'),
    ...semanticsShape,
  }),
  create(config, ctx) {
    return propertiesTransformer('simple_add_dataset_properties', config, ctx, async () => config.properties);
  },
});

/** A resolver export: a class with get_properties_to_add(urn) / getPropertiesToAdd(urn), or a function. */
async function loadResolver(spec: string, baseDir: string): Promise<PropertiesToAdd> {
  const exported = await loadExport(spec, baseDir, 'add_dataset_properties');
  if (typeof exported !== 'function') throw new Error(`transformer add_dataset_properties: export ${JSON.stringify(spec)} is not a class or function`);
  const proto = (exported as { prototype?: Record<string, unknown> }).prototype;
  const method = proto && (typeof proto.get_properties_to_add === 'function' ? 'get_properties_to_add' : typeof proto.getPropertiesToAdd === 'function' ? 'getPropertiesToAdd' : null);
  if (method) {
    const resolver = new (exported as new () => Record<string, (urn: string) => unknown>)();
    return async (urn) => ((await resolver[method]!(urn)) ?? {}) as Record<string, string>;
  }
  return async (urn) => ((await (exported as (u: string) => unknown)(urn)) ?? {}) as Record<string, string>;
}

export const addDatasetProperties = defineTransformer({
  type: 'add_dataset_properties',
  description: 'Adds the custom properties a JavaScript resolver returns for each dataset urn',
  touches: { entityTypes: DATASET, aspect: 'datasetProperties' },
  configSchema: z.strictObject({
    add_properties_resolver_class: callableSpecSchema('Resolver class (get_properties_to_add(urn)) or function (urn) => properties'),
    ...semanticsShape,
  }),
  async create(config, ctx) {
    const resolver = await loadResolver(config.add_properties_resolver_class, ctx.baseDir);
    return propertiesTransformer('add_dataset_properties', config, ctx, resolver);
  },
});

export const propertiesTransformers = [simpleAddDatasetProperties, addDatasetProperties];
