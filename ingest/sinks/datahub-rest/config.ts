import { z } from 'zod';
import { secretString } from '../../api/config.js';

export const datahubRestSinkConfigSchema = z.strictObject({
  server: z.string().url().describe('URL of the catalog (or a DataHub GMS), e.g. http://localhost:8080'),
  token: secretString()
    .nullable()
    .default(() => process.env.DATAHUB_GMS_TOKEN ?? null)
    .describe('API token, sent as "Authorization: Bearer <token>" (default $DATAHUB_GMS_TOKEN, as DataHub\'s CLI)'),
  timeout_sec: z.number().positive().default(30).describe('Seconds to wait for each request'),
  retry_status_codes: z.array(z.number().int()).default([429, 500, 502, 503, 504]).describe('HTTP statuses that are retried'),
  retry_max_times: z.number().int().min(0).default(4).describe('Retries of a failed request (exponential backoff)'),
  extra_headers: z.record(z.string(), z.string()).default({}).describe('Headers added to every request'),
  max_per_batch: z.number().int().min(1).max(200).default(100).describe('Proposals per ingestProposalBatch request (DataHub caps it at 200)'),
  mode: z.enum(['SYNC', 'ASYNC', 'ASYNC_BATCH']).default('ASYNC_BATCH').describe('ASYNC_BATCH sends batches; SYNC and ASYNC send one proposal per request'),
  endpoint: z.enum(['RESTLI', 'restli']).default('RESTLI').describe('Wire protocol; only DataHub\'s Rest.li ingestion is spoken'),
  max_threads: z.number().int().positive().default(15).describe('Accepted for DataHub compatibility; batches are sent in order'),
  max_pending_requests: z.number().int().positive().default(2000).describe('Accepted for DataHub compatibility'),
  disable_ssl_verification: z.boolean().default(false).describe('Accepted for DataHub compatibility (use NODE_TLS_REJECT_UNAUTHORIZED)'),
  ca_certificate_path: z.string().nullable().default(null).describe('Accepted for DataHub compatibility (use NODE_EXTRA_CA_CERTS)'),
  client_mode: z.string().nullable().default(null).describe('Accepted for DataHub compatibility'),
});

export type DatahubRestSinkConfig = z.infer<typeof datahubRestSinkConfigSchema>;
