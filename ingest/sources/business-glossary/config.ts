import { z } from 'zod';

export const businessGlossarySourceConfigSchema = z.strictObject({
  file: z
    .string()
    .min(1)
    .describe('Path (relative to the recipe) or http(s) URL of the business glossary YAML file to ingest'),
  enable_auto_id: z
    .boolean()
    .default(false)
    .describe("Generate guid URNs instead of plain-text URNs from the node/term's path"),
});

export type BusinessGlossarySourceConfig = z.infer<typeof businessGlossarySourceConfigSchema>;
