import { existsSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogAsync, tempDir } from '../support/cli.js';

describe('catalog serve', () => {
  const dataDir = path.join(tempDir(), 'store');
  const store = `pglite:${dataDir}`;
  const child = catalogAsync(['serve', '--port', '0', '--store', store]);
  let stdout = '';
  const ready = new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += String(d);
      const url = /serving on (http:\/\/\S+)/.exec(stdout)?.[1];
      const token = /^\s+(cat_\S+)$/m.exec(stdout)?.[1];
      if (url && token) resolve({ url, token });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stdout}`)));
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints a first admin token once, and the token works', async () => {
    const { url, token } = await ready;
    expect((await fetch(`${url}/config`)).status).toBe(200);
    expect((await fetch(`${url}/api/tokens`)).status).toBe(401);
    const res = await fetch(`${url}/api/tokens`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const { tokens } = (await res.json()) as { tokens: Array<{ role: string; name: string }> };
    expect(tokens).toEqual([expect.objectContaining({ role: 'admin', name: 'admin' })]);
  });

  it('binds to loopback by default', async () => {
    const { url } = await ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('shuts down cleanly on SIGTERM: exit code 0, the search index saved beside the store', async () => {
    const { url, token } = await ready;
    const res = await fetch(`${url}/aspects?action=ingestProposal`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'X-RestLi-Protocol-Version': '2.0.0' },
      body: JSON.stringify({ proposal: {
        entityType: 'dataset', entityUrn: 'urn:li:dataset:(urn:li:dataPlatform:postgres,shop.public.orders,PROD)', changeType: 'UPSERT', aspectName: 'datasetProperties',
        aspect: { contentType: 'application/json', value: JSON.stringify({ name: 'orders', customProperties: {} }) },
      } }),
    });
    expect(res.status).toBeLessThan(300);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(existsSync(path.join(dataDir, 'catalog-search-public.snapshot'))).toBe(true);
  });
});
