// replace_external_url / replace_external_url_container: regex replacement (Python re.sub) in the
// externalUrl of datasetProperties / containerProperties.
import { z } from 'zod';
import { defineTransformer, DATASET } from './common/define.js';
import { pythonPattern, reSub } from './common/regex.js';
import { singleAspectTransformer } from './common/single-aspect.js';

const configSchema = z.strictObject({
  input_pattern: z
    .string()
    .refine((p) => { try { pythonPattern(p); return true; } catch { return false; } }, 'not a valid regular expression')
    .describe('Regex (or plain text) to replace in the external URL'),
  replacement: z.string().describe('Replacement text; \\1 or \\g<name> insert groups'),
});

function replaceExternalUrl(type: string, entityType: string, aspectName: string) {
  return defineTransformer({
    type,
    description: `Rewrites the externalUrl of ${aspectName} with a regex replacement`,
    touches: { entityTypes: [entityType], aspect: aspectName },
    configSchema,
    create(config) {
      return singleAspectTransformer({
        aspectName,
        entityTypes: [entityType],
        async transform(_urn, aspect) {
          if (!aspect) return null;
          const url = aspect.externalUrl;
          if (typeof url !== 'string' || url === '') return aspect;
          return { ...aspect, externalUrl: reSub(config.input_pattern, config.replacement, url) };
        },
      });
    },
  });
}

export const replaceExternalUrlDataset = replaceExternalUrl('replace_external_url', DATASET[0]!, 'datasetProperties');
export const replaceExternalUrlContainer = replaceExternalUrl('replace_external_url_container', 'container', 'containerProperties');
