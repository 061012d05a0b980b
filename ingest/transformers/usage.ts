// pattern_cleanup_dataset_usage_user: removes regex-matched parts from the user urns in
// datasetUsageStatistics.userCounts.
import { z } from 'zod';
import { asArray } from './common/aspects.js';
import { DATASET, defineTransformer } from './common/define.js';
import { singleAspectTransformer } from './common/single-aspect.js';
import { cleanOwnerUrn } from './ownership-cleanup.js';

export const patternCleanupDatasetUsageUser = defineTransformer({
  type: 'pattern_cleanup_dataset_usage_user',
  description: 'Removes regex-matched parts from user names in dataset usage statistics',
  touches: { entityTypes: DATASET, aspect: 'datasetUsageStatistics' },
  configSchema: z.strictObject({
    pattern_for_cleanup: z.array(z.string()).describe('Regexes whose matches are removed from user names'),
  }),
  create(config) {
    return singleAspectTransformer({
      aspectName: 'datasetUsageStatistics',
      entityTypes: DATASET,
      async transform(_urn, aspect) {
        if (!aspect) return null;
        if (!Array.isArray(aspect.userCounts)) return aspect;
        const userCounts = asArray<Record<string, unknown>>(aspect.userCounts).map((c) =>
          typeof c.user === 'string' ? { ...c, user: cleanOwnerUrn(c.user, config.pattern_for_cleanup) } : c,
        );
        return { ...aspect, userCounts };
      },
    });
  },
});
