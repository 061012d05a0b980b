// The `stateful_ingestion` block every source that supports stale-entity removal includes in its
// config, with DataHub's keys and defaults.
import { z } from 'zod';

export const statefulIngestionSchema = z
  .strictObject({
    enabled: z.boolean().nullable().default(null).describe('Default: on when the recipe has a pipeline_name and the sink writes to a catalog'),
    remove_stale_metadata: z.boolean().default(true).describe('Soft-delete entities seen in the last successful run but not in this one'),
    fail_safe_threshold: z.number().min(0).max(100).default(75).describe('Do not remove anything if more than this percentage would go'),
    ignore_old_state: z.boolean().default(false).describe('Ignore the previous checkpoint'),
    ignore_new_state: z.boolean().default(false).describe('Do not save this run\'s checkpoint'),
  })
  .nullable()
  .default(null)
  .describe('Stateful ingestion (stale-entity removal)');

export type StatefulIngestionConfig = z.infer<typeof statefulIngestionSchema>;
