// mark_dataset_status: sets status.removed on every dataset (true hides it, a soft delete).
import { z } from 'zod';
import { DATASET, defineTransformer } from './common/define.js';
import { singleAspectTransformer } from './common/single-aspect.js';

export const markDatasetStatus = defineTransformer({
  type: 'mark_dataset_status',
  description: 'Marks every dataset as removed (soft-deleted) or not',
  touches: { entityTypes: DATASET, aspect: 'status' },
  configSchema: z.strictObject({
    removed: z.boolean().describe('true hides the datasets (soft delete); false shows them'),
  }),
  create(config) {
    return singleAspectTransformer({
      aspectName: 'status',
      entityTypes: DATASET,
      transform: async (_urn, aspect) => ({ ...(aspect ?? {}), removed: config.removed }),
    });
  },
});
