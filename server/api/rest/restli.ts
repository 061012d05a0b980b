// DataHub's Rest.li ingestion surface, as acryl-datahub's `datahub-rest` sink and DataHubGraph
// use it (reference: anchor-datahub.md §1): /config, /aspects?action=ingestProposal(Batch),
// /aspects?action=getTimeseriesAspectValues, GET /aspects/{urn}, /entities?action=ingest|delete.
// Action responses are `{"value": ...}`; errors are Rest.li-style bodies the client can read.
import type { Context, Hono } from 'hono';
import { aspectFqn, isTimeseriesAspect } from '../../../model/aspects/registry.js';
import type { SystemMetadata } from '../../../model/mcp.js';
import { ApiError } from '../../services/errors.js';
import type { MetadataService, TimeseriesQuery } from '../../services/metadata-service.js';
import type { AuthEnv } from './auth.js';
import { requireRole } from './auth.js';

/** The version we report decides client behaviour (see anchor-datahub.md §1.4): below 1.7.0 the
 *  CLI sends status as UPSERT, and SDK clients stay on Rest.li. */
export const REPORTED_SERVER_VERSION = 'v1.2.0';

export function serverConfig(): Record<string, unknown> {
  return {
    noCode: 'true',
    retention: 'true',
    statefulIngestionCapable: true,
    patchCapable: true,
    timeZone: 'GMT',
    supportsImpactAnalysis: true,
    versions: { 'acryldata/datahub': { version: REPORTED_SERVER_VERSION, commit: 'catalog' } },
    telemetry: { enabledCli: false, enabledIngestion: false },
    managedIngestion: { enabled: false, defaultCliVersion: '1.2.0' },
    datahub: { serverType: 'prod', serverEnv: 'core' },
    datasetUrnNameCasing: false,
    models: {},
  };
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError('BAD_REQUEST', 'request body is not valid JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError('BAD_REQUEST', 'request body must be a JSON object');
  return body as Record<string, unknown>;
}

const ok = (c: Context) => c.json({ value: 'success' });

export function mountRestli(app: Hono<AuthEnv>, metadata: MetadataService): void {
  app.get('/config', (c) => c.json(serverConfig()));

  app.post('/aspects', async (c) => {
    const action = c.req.query('action');
    const body = await jsonBody(c);
    switch (action) {
      case 'ingestProposal': {
        requireRole(c, 'write');
        await metadata.ingest(metadata.decode([body.proposal]), c.var.principal.actor);
        return ok(c);
      }
      case 'ingestProposalBatch': {
        requireRole(c, 'write');
        if (!Array.isArray(body.proposals)) throw new ApiError('BAD_REQUEST', 'proposals must be a list');
        await metadata.ingest(metadata.decode(body.proposals), c.var.principal.actor);
        return ok(c);
      }
      case 'getTimeseriesAspectValues': {
        requireRole(c, 'read');
        const urn = String(body.urn ?? '');
        const aspect = String(body.aspect ?? '');
        const q: TimeseriesQuery = {
          limit: typeof body.limit === 'number' ? body.limit : undefined,
          startTimeMillis: typeof body.startTimeMillis === 'number' ? body.startTimeMillis : undefined,
          endTimeMillis: typeof body.endTimeMillis === 'number' ? body.endTimeMillis : undefined,
          filter: body.filter as TimeseriesQuery['filter'],
        };
        const values = await metadata.getTimeseries(urn, aspect, q);
        return c.json({
          value: {
            entityName: body.entity ?? null,
            aspectName: aspect,
            limit: q.limit ?? values.length,
            values: values.map((v) => ({
              aspect: { value: JSON.stringify(v.value), contentType: 'application/json' },
              systemMetadata: v.systemMetadata ?? { lastObserved: 0, runId: 'no-run-id-provided' },
            })),
          },
        });
      }
      default:
        throw new ApiError('BAD_REQUEST', `unsupported action "${action}" on /aspects (ingestProposal, ingestProposalBatch, getTimeseriesAspectValues)`);
    }
  });

  app.get('/aspects/:urn', async (c) => {
    requireRole(c, 'read');
    const urn = decodeURIComponent(c.req.param('urn'));
    const aspectName = c.req.query('aspect');
    if (!aspectName) throw new ApiError('BAD_REQUEST', 'the aspect query parameter is required');
    if (isTimeseriesAspect(aspectName)) throw new ApiError('BAD_REQUEST', `${aspectName} is a timeseries aspect; use getTimeseriesAspectValues`);
    const version = Number(c.req.query('version') ?? 0);
    const stored = await metadata.getAspect(urn, aspectName, version);
    if (!stored) throw new ApiError('NOT_FOUND', `no ${aspectName} (version ${version}) for ${urn}`);
    const fqn = aspectFqn(aspectName) ?? aspectName;
    return c.json({ aspect: { [fqn]: stored.value }, version: stored.version, systemMetadata: stored.systemMetadata });
  });

  app.post('/entities', async (c) => {
    const action = c.req.query('action');
    const body = await jsonBody(c);
    switch (action) {
      case 'ingest': {
        requireRole(c, 'write');
        const entity = body.entity as { value?: unknown } | undefined;
        const mcps = metadata.decodeMce({ proposedSnapshot: entity?.value }, body.systemMetadata as SystemMetadata | undefined);
        await metadata.ingest(mcps, c.var.principal.actor);
        return ok(c);
      }
      case 'delete': {
        requireRole(c, 'write');
        const urn = String(body.urn ?? '');
        const removed = await metadata.deleteEntity(urn, c.var.principal.actor);
        return c.json({ value: { urn, rowsDeletedFromEntityDeletion: removed } });
      }
      default:
        throw new ApiError('BAD_REQUEST', `unsupported action "${action}" on /entities (ingest, delete)`);
    }
  });
}
