// Browse-path transformers: set_dataset_browse_path (legacy browsePaths from templates) and
// set_browse_path (browsePathsV2 from static nodes and variables of the existing path).
import { z } from 'zod';
import type { AspectValue } from '../../model/mcp.js';
import { parseUrn } from '../../model/urn.js';
import { asArray, type BrowsePathEntry } from './common/aspects.js';
import { DATASET, defineTransformer } from './common/define.js';
import { unionBy, sameString } from './common/merge.js';
import { currentAspect, patchCatalog, semanticsShape } from './common/semantics.js';
import { singleAspectTransformer } from './common/single-aspect.js';

/** `/ENV/PLATFORM/DATASET_PARTS` for a dataset urn: env lower-cased, name dots turned into slashes. */
export function expandPathTemplate(template: string, datasetUrn: string): string {
  const [platformUrn = '', name = '', env = ''] = parseUrn(datasetUrn).parts;
  const platform = platformUrn.replace('urn:li:dataPlatform:', '');
  return template.replaceAll('PLATFORM', platform).replaceAll('DATASET_PARTS', name.replaceAll('.', '/')).replaceAll('ENV', env.toLowerCase());
}

export const setDatasetBrowsePath = defineTransformer({
  type: 'set_dataset_browse_path',
  description: 'Adds legacy browse paths built from templates (ENV, PLATFORM, DATASET_PARTS)',
  touches: { entityTypes: DATASET, aspect: 'browsePaths' },
  configSchema: z.strictObject({
    path_templates: z.array(z.string()).describe('Templates such as /ENV/PLATFORM/DATASET_PARTS'),
    ...semanticsShape,
  }),
  create(config, ctx) {
    const catalog = patchCatalog('set_dataset_browse_path', config, ctx);
    return singleAspectTransformer({
      aspectName: 'browsePaths',
      entityTypes: DATASET,
      async transform(urn, aspect) {
        const existing = aspect && !config.replace_existing ? asArray<string>(aspect.paths) : [];
        let paths = [...existing, ...config.path_templates.map((t) => expandPathTemplate(t, urn))];
        if (catalog) {
          if (paths.length === 0) return null;
          const server = await currentAspect<{ paths?: string[] }>(catalog, urn, 'browsePaths');
          if (server) paths = unionBy([...asArray<string>(server.paths), ...paths], sameString);
        }
        return { ...(aspect ?? {}), paths } as AspectValue;
      },
    });
  },
});

const BROWSABLE = ['dataset', 'dataJob', 'dataFlow', 'chart', 'dashboard', 'container'];

/** `$container[*]`, `$container[0]`, ... from the urns of the existing path, by entity type. */
function pathVariables(existing: BrowsePathEntry[]): Map<string, string[]> {
  const byType = new Map<string, string[]>();
  for (const entry of existing) {
    if (!entry.urn) continue;
    let type: string;
    try {
      type = parseUrn(entry.urn).entityType;
    } catch {
      continue;
    }
    byType.set(type, [...(byType.get(type) ?? []), entry.urn]);
  }
  const vars = new Map<string, string[]>();
  for (const [type, urns] of byType) {
    vars.set(`${type}[*]`, urns);
    urns.forEach((u, i) => vars.set(`${type}[${i}]`, [u]));
  }
  return vars;
}

export function expandBrowsePath(templates: readonly string[], existing: BrowsePathEntry[]): BrowsePathEntry[] {
  const vars = pathVariables(existing);
  const nodes = templates.flatMap((t) => {
    const node = t.trim();
    const variable = /^\$([a-zA-Z]+\[[0-9*]+\])$/.exec(node);
    return variable ? (vars.get(variable[1]!) ?? []) : [node];
  });
  return nodes.filter((n) => n.trim() !== '').map((id) => (id.startsWith('urn:') ? { id, urn: id } : { id }));
}

export const setBrowsePath = defineTransformer({
  type: 'set_browse_path',
  description: 'Sets browsePathsV2 from static nodes and $container[*]-style variables of the existing path',
  touches: { entityTypes: BROWSABLE, aspect: 'browsePathsV2' },
  configSchema: z.strictObject({
    path: z.array(z.string()).describe('Path nodes: text, or variables like $container[*], $dataPlatformInstance[0]'),
    ...semanticsShape,
  }),
  create(config) {
    return singleAspectTransformer({
      aspectName: 'browsePathsV2',
      entityTypes: BROWSABLE,
      async transform(_urn, aspect) {
        const existing = asArray<BrowsePathEntry>(aspect?.path);
        const path = expandBrowsePath(config.path, existing);
        if (aspect && !config.replace_existing) path.push(...existing);
        return { path } as AspectValue;
      },
    });
  },
});
