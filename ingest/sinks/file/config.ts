import { z } from 'zod';

export const fileSinkConfigSchema = z.strictObject({
  filename: z.string().min(1).describe('File to write (relative to the recipe); a JSON array of MCPs as DataHub writes it'),
  legacy_nested_json_string: z
    .boolean()
    .default(false)
    .describe('Write each aspect as nested JSON text ({value, contentType}), as DataHub before 0.9.6'),
});

export type FileSinkConfig = z.infer<typeof fileSinkConfigSchema>;
