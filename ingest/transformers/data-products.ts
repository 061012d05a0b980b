// Data-product transformers: simple_add_dataset_dataproduct, pattern_add_dataset_dataproduct,
// add_dataset_dataproduct. When the stream ends, each data product gets one PATCH that adds the
// datasets (and, with is_container, their containers) to its assets.
import { z } from 'zod';
import type { MetadataChangeProposal, PatchOperation } from '../../model/mcp.js';
import type { RunContext, Transformer } from '../api/plugin.js';
import { KeyValuePattern } from '../common/pattern.js';
import { callableSpecSchema, loadCallable } from './common/callable.js';
import { ContainerPaths, pointerSegment } from './common/containers.js';
import { DATASET, defineTransformer } from './common/define.js';
import { singleAspectTransformer } from './common/single-aspect.js';

type ProductFor = (datasetUrn: string) => Promise<string | null>;

function assetsPatch(productUrn: string, assets: Iterable<string>): MetadataChangeProposal {
  const ops: PatchOperation[] = [...assets].map((asset) => ({ op: 'add', path: `/assets/${pointerSegment(asset)}`, value: { destinationUrn: asset } }));
  return { entityType: 'dataProduct', entityUrn: productUrn, changeType: 'PATCH', aspectName: 'dataProductProperties', aspect: ops };
}

export function dataProductTransformer(ctx: RunContext, isContainer: boolean, productFor: ProductFor): Transformer {
  const paths = isContainer ? new ContainerPaths() : null;
  return singleAspectTransformer({
    aspectName: 'dataProductProperties',
    entityTypes: DATASET,
    observe: paths ? (mcp) => paths.observe(mcp) : undefined,
    transform: async () => null,
    async endOfStream(seen) {
      const assets = new Map<string, Set<string>>();
      const containerAssets = new Map<string, Set<string>>();
      const add = (m: Map<string, Set<string>>, product: string, asset: string) => {
        if (!m.has(product)) m.set(product, new Set());
        m.get(product)!.add(asset);
      };
      for (const urn of seen) {
        const product = await productFor(urn);
        if (!product) continue;
        add(assets, product, urn);
        if (paths) {
          // The dataset's immediate container: the last container on its browse path.
          const container = (await paths.containersOf(urn, ctx.catalog)).at(-1);
          if (container) add(containerAssets, product, container);
        }
      }
      return [...[...assets].map(([p, a]) => assetsPatch(p, a)), ...[...containerAssets].map(([p, a]) => assetsPatch(p, a))];
    },
  });
}

const productUrn = z.string().startsWith('urn:li:dataProduct:', 'expected a data product urn (urn:li:dataProduct:...)');

export const simpleAddDatasetDataproduct = defineTransformer({
  type: 'simple_add_dataset_dataproduct',
  description: 'Adds listed datasets to data products as assets',
  touches: { entityTypes: ['dataProduct'], aspect: 'dataProductProperties' },
  configSchema: z.strictObject({
    dataset_to_data_product_urns: z.record(z.string(), productUrn).describe('Dataset urn -> data product urn'),
  }),
  create(config, ctx) {
    return dataProductTransformer(ctx, false, async (urn) => config.dataset_to_data_product_urns[urn] ?? null);
  },
});

export const patternAddDatasetDataproduct = defineTransformer({
  type: 'pattern_add_dataset_dataproduct',
  description: 'Adds datasets whose urn matches a regex to a data product as assets',
  touches: { entityTypes: ['dataProduct'], aspect: 'dataProductProperties' },
  configSchema: z.strictObject({
    dataset_to_data_product_urns_pattern: z
      .strictObject({
        rules: z
          .record(z.string(), z.union([productUrn, z.array(productUrn).max(1, 'Same dataset cannot be an asset of two different data products')]))
          .default({})
          .describe('Map of dataset urn regex to one data product urn'),
        first_match_only: z.boolean().default(true).describe('Use only the first rule whose regex matches'),
      })
      .default({ rules: {}, first_match_only: true })
      .describe('Rules {dataset urn regex: data product urn}'),
    is_container: z.boolean().default(false).describe("Also add each dataset's container to the data product"),
  }),
  create(config, ctx) {
    const { rules, first_match_only } = config.dataset_to_data_product_urns_pattern;
    const pattern = new KeyValuePattern({
      first_match_only,
      rules: Object.fromEntries(Object.entries(rules).map(([re, v]) => [re, Array.isArray(v) ? v : [v]])),
    });
    return dataProductTransformer(ctx, config.is_container, async (urn) => pattern.valuesFor(urn)[0] ?? null);
  },
});

export const addDatasetDataproduct = defineTransformer({
  type: 'add_dataset_dataproduct',
  description: 'Adds each dataset to the data product a JavaScript function returns',
  touches: { entityTypes: ['dataProduct'], aspect: 'dataProductProperties' },
  configSchema: z.strictObject({
    get_data_product_to_add: callableSpecSchema('Function (dataset urn) => data product urn or null'),
    is_container: z.boolean().default(false).describe("Also add each dataset's container to the data product"),
  }),
  async create(config, ctx) {
    const fn = await loadCallable<string | null | undefined>(config.get_data_product_to_add, ctx.baseDir, 'add_dataset_dataproduct');
    return dataProductTransformer(ctx, config.is_container, async (urn) => (await fn(urn)) ?? null);
  },
});

export const dataProductTransformers = [simpleAddDatasetDataproduct, patternAddDatasetDataproduct, addDatasetDataproduct];
