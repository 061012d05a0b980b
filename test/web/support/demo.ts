// `catalog demo` as a child process on a free port with a fresh data directory, plus reader and
// editor tokens created with the demo's admin token through the token API.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CLI, tempDir } from '../../support/cli.js';

export interface Demo {
  url: string;
  tokens: { admin: string; editor: string; reader: string };
  stop(): Promise<void>;
}

export async function startDemo(): Promise<Demo> {
  if (!existsSync(CLI) || !existsSync(path.resolve('dist/web/index.html'))) {
    throw new Error('the catalog and its web UI are not built (dist/cli/main.js, dist/web/index.html); run: npm run build');
  }
  const dir = path.join(tempDir('catalog-web-demo-'), 'demo');
  const child: ChildProcess = spawn(process.execPath, [CLI, 'demo', '--port', '0', '--data-dir', dir], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const ready = await new Promise<{ url: string; admin: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`catalog demo did not start within 180 s; stderr:\n${err.slice(-2000)}`)), 180_000);
    const check = () => {
      const url = /Catalog: (http:\/\/\S+)/.exec(out)?.[1];
      const admin = /Admin API token \(shown once\): (\S+)/.exec(out)?.[1];
      if (url && admin && out.includes('Serving until')) (clearTimeout(timer), resolve({ url, admin }));
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`catalog demo exited with ${code}; stderr:\n${err.slice(-2000)}`))));
  });
  const create = async (role: 'editor' | 'reader') => {
    const res = await fetch(`${ready.url}/api/tokens`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ready.admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `e2e-${role}`, role, actor: `urn:li:corpuser:e2e-${role}` }),
    });
    if (res.status !== 201) throw new Error(`creating a ${role} token failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  };
  const tokens = { admin: ready.admin, editor: await create('editor'), reader: await create('reader') };
  return {
    url: ready.url,
    tokens,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
