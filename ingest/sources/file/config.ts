import { z } from 'zod';

export const FILE_READ_MODES = ['STREAM', 'BATCH', 'AUTO'] as const;

export const fileSourceConfigSchema = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .optional()
      .describe('File or directory to read (relative to the recipe); a directory is read for every file with file_extension'),
    filename: z.string().min(1).optional().describe('Deprecated: use path'),
    file_extension: z
      .string()
      .default('.json')
      .transform((ext) => (ext && ext !== '*' && !ext.startsWith('.') ? `.${ext}` : ext))
      .describe('Extension of the files read from a directory ("*" reads every file)'),
    read_mode: z
      .string()
      .transform((m) => m.toUpperCase())
      .pipe(z.enum(FILE_READ_MODES))
      .default('AUTO')
      .describe('STREAM parses record by record, BATCH parses whole files, AUTO streams files from 100 MB up'),
    count_all_before_starting: z
      .boolean()
      .default(true)
      .describe('Count the records first so progress can show how far the run is; turn off to start sooner'),
  })
  .superRefine((c, ctx) => {
    if (c.path && c.filename) ctx.addIssue({ code: 'custom', path: ['filename'], message: 'give path or filename, not both (filename is deprecated)' });
    if (!c.path && !c.filename) ctx.addIssue({ code: 'custom', path: ['path'], message: 'required key is missing (expected string)' });
  })
  .transform(({ filename, path, ...rest }) => ({ ...rest, path: (path ?? filename)! }));

export type FileSourceConfig = z.infer<typeof fileSourceConfigSchema>;
