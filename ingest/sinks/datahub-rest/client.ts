// A small client for the DataHub-compatible REST API (ours or a DataHub GMS): the /config check,
// batched ingestion with retries, and the reads ingestion needs (aspects, timeseries).
import { aspectFqn } from '../../../model/aspects/registry.js';
import { toWireMcp, type AspectValue, type MetadataChangeProposal } from '../../../model/mcp.js';
import type { CatalogClient } from '../../api/catalog-client.js';

export class RestError extends Error {
  override name = 'RestError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RestClientOptions {
  server: string;
  token: string | null;
  timeoutSec: number;
  retryStatusCodes: number[];
  retryMaxTimes: number;
  extraHeaders: Record<string, string>;
}

export class DatahubRestClient implements CatalogClient {
  private readonly base: string;
  constructor(private readonly o: RestClientOptions) {
    this.base = o.server.replace(/\/+$/, '');
  }

  private headers(): Record<string, string> {
    return {
      'Content-Type': 'application/json',
      'X-RestLi-Protocol-Version': '2.0.0',
      'X-DataHub-Client-Mode': 'INGESTION',
      'User-Agent': 'catalog-ingest/0.1.0',
      ...(this.o.token ? { Authorization: `Bearer ${this.o.token}` } : {}),
      ...this.o.extraHeaders,
    };
  }

  /** One request with retries on the configured statuses and on network errors. */
  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    let lastError: Error | null = null;
    for (let attempt = 0; attempt <= this.o.retryMaxTimes; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 5_000)));
      try {
        const res = await fetch(`${this.base}${path}`, {
          method,
          headers: this.headers(),
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.o.timeoutSec * 1000),
        });
        const text = await res.text();
        let json: unknown = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = text;
        }
        if (res.ok || res.status === 404) return { status: res.status, json };
        const message = (json as { message?: string } | null)?.message ?? `HTTP ${res.status}`;
        lastError = new RestError(res.status, message);
        if (!this.o.retryStatusCodes.includes(res.status)) throw lastError;
      } catch (e) {
        if (e instanceof RestError && !this.o.retryStatusCodes.includes(e.status)) throw e;
        lastError = e instanceof RestError ? e : new RestError(0, `cannot reach ${this.base}: ${(e as Error).message}`);
      }
    }
    throw lastError ?? new RestError(0, 'request failed');
  }

  /** GET /config: fails clearly when this is not a metadata service (DataHub's own checks). */
  async checkServer(): Promise<Record<string, unknown>> {
    const { status, json } = await this.request('GET', '/config');
    if (status === 404 || !json || typeof json !== 'object') throw new RestError(status, `${this.base}/config did not answer like a metadata service`);
    if ((json as { noCode?: unknown }).noCode !== 'true') throw new RestError(status, `${this.base} looks like a frontend, not the metadata service (no "noCode": "true" in /config)`);
    return json as Record<string, unknown>;
  }

  async ingestBatch(proposals: MetadataChangeProposal[]): Promise<void> {
    await this.request('POST', '/aspects?action=ingestProposalBatch', { proposals: proposals.map(toWireMcp), async: 'false' });
  }

  async ingestOne(proposal: MetadataChangeProposal): Promise<void> {
    await this.request('POST', '/aspects?action=ingestProposal', { proposal: toWireMcp(proposal), async: 'false' });
  }

  async getAspect(urn: string, aspectName: string): Promise<AspectValue | null> {
    const { status, json } = await this.request('GET', `/aspects/${encodeURIComponent(urn)}?aspect=${encodeURIComponent(aspectName)}&version=0`);
    if (status === 404) return null;
    const aspect = (json as { aspect?: Record<string, AspectValue> }).aspect ?? {};
    return aspect[aspectFqn(aspectName) ?? aspectName] ?? Object.values(aspect)[0] ?? null;
  }

  async getTimeseries(urn: string, aspectName: string, options: { limit?: number; startTimeMillis?: number; endTimeMillis?: number } = {}): Promise<AspectValue[]> {
    const entity = urn.split(':')[2];
    const { json } = await this.request('POST', '/aspects?action=getTimeseriesAspectValues', { urn, entity, aspect: aspectName, limit: options.limit ?? 100, ...options });
    const values = (json as { value?: { values?: Array<{ aspect: { value: string } }> } }).value?.values ?? [];
    return values.map((v) => JSON.parse(v.aspect.value) as AspectValue);
  }
}
