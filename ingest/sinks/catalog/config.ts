import { z } from 'zod';

export const DEFAULT_STORE_URL = 'pglite:./.catalog/data';

export const catalogSinkConfigSchema = z.strictObject({
  store: z
    .string()
    .default(() => process.env.CATALOG_STORE ?? DEFAULT_STORE_URL)
    .describe('Store URL: pglite:<dir> (embedded, default ./.catalog/data or $CATALOG_STORE) or postgres://user@host:port/db'),
});

export type CatalogSinkConfig = z.infer<typeof catalogSinkConfigSchema>;
