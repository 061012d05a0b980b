// Time to a rendered lineage graph in headless Chromium: a generated lineage of N datasets (a
// root, then fan-outs of 9 and 10 per hop over three hops, every tenth leaf with a second parent
// for fan-in, on mixed platforms) is written to a fresh embedded catalog, served with the built
// UI, and /lineage/<root>?hops=3&groups=off is opened: the clock runs from navigation until the
// SVG holds all N nodes and two animation frames have passed (page load, GraphQL walk, layout,
// React render, paint). Then a drag across the graph measures frame times while panning.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { makeMcp } from '../../model/mcp.js';
import { datasetUrn } from '../../model/urn.js';
import { createCatalog } from '../../server/catalog.js';
import { listen } from '../../server/http.js';

export interface LineageUiResult {
  nodes: number;
  edges: number;
  /** Navigation start to all nodes painted, per run (ms). */
  renderMs: number[];
  /** Of that, in the page: GraphQL answers received -> nodes in the DOM (layout + React render), per run. */
  layoutRenderMs: number[];
  /** Frame intervals while dragging the graph (ms): median and worst. */
  panFrameMs: { median: number; max: number };
  /** Zoomed in to readable labels: node boxes in the DOM (only those near the viewport are drawn). */
  zoomedInDrawn: number;
  /** Screenshots of the overview and the zoomed-in view, when a directory was given. */
  screenshots: string[];
}

export function chromiumPath(): string {
  const candidates = [process.env.CATALOG_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`Chromium is not installed (looked at ${candidates.join(', ')}); install it with: scripts/services up chromium`);
  return found;
}

const PLATFORMS = ['kafka', 's3', 'hudi'];

/** The generated lineage: edges as [upstream, downstream] URNs; the root first. */
export function generateLineage(): { root: string; edges: Array<[string, string]>; nodes: number } {
  const root = datasetUrn('postgres', 'bench.public.root');
  const edges: Array<[string, string]> = [];
  let level = [root];
  let count = 1;
  for (const [hop, fan] of [[1, 9], [2, 10], [3, 10]] as const) {
    const next: string[] = [];
    level.forEach((parent, p) => {
      for (let i = 0; i < fan; i++) {
        const urn = datasetUrn(PLATFORMS[hop - 1]!, `bench.hop${hop}.n${p}_${i}`);
        edges.push([parent, urn]);
        if (hop === 3 && i === 0 && p > 0) edges.push([level[p - 1]!, urn]); // fan-in
        next.push(urn);
        count++;
      }
    });
    level = next;
  }
  return { root, edges, nodes: count };
}

/** Browser globals inside page.evaluate callbacks, which run in the page (this file compiles without the DOM lib). */
type PageGlobals = {
  localStorage: { setItem(k: string, v: string): void };
  requestAnimationFrame(cb: (t: number) => void): number;
  performance: { now(): number };
  __lineageFetched: number;
  __lineageRendered: { at: number };
  __frames: number[];
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function measureLineageUi(options: { runs?: number; webDir?: string; screenshotDir?: string } = {}): Promise<LineageUiResult> {
  const webDir = options.webDir ?? path.resolve('dist/web');
  if (!existsSync(path.join(webDir, 'index.html'))) throw new Error(`no built UI in ${webDir}; run: npm run build`);
  const { root, edges, nodes } = generateLineage();
  const catalog = await createCatalog({ store: 'pglite:memory', auth: true, webDir });
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
  try {
    const upstreams = new Map<string, string[]>();
    for (const [up, down] of edges) upstreams.set(down, [...(upstreams.get(down) ?? []), up]);
    const mcps = [...upstreams].map(([down, ups]) =>
      makeMcp(down, 'upstreamLineage', { upstreams: ups.map((u) => ({ dataset: u, type: 'TRANSFORMED', auditStamp: { time: 0, actor: 'urn:li:corpuser:bench' } })) }),
    );
    for (let i = 0; i < mcps.length; i += 500) await catalog.store.apply(mcps.slice(i, i + 500));
    for (let i = 0; i < 200; i++) {
      const w = await catalog.graph.walk({ urn: root, direction: 'DOWNSTREAM', maxHops: 3, start: 0, count: 1, includeRemoved: false, filters: {} });
      if (w.total === nodes - 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const { token } = await catalog.tokens.create({ name: 'bench', role: 'reader' });
    const server = await listen(catalog, { host: '127.0.0.1', port: 0 });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript((t) => (globalThis as unknown as PageGlobals).localStorage.setItem('catalog.token', t), token);
    const page = await context.newPage();
    const frames = () => page.evaluate(() => new Promise<void>((r) => (globalThis as unknown as PageGlobals).requestAnimationFrame(() => (globalThis as unknown as PageGlobals).requestAnimationFrame(() => r()))));
    const open = async (query: string, drawn?: number) => {
      const t0 = Date.now();
      await page.goto(`${server.url}/lineage/${encodeURIComponent(root)}${query}`);
      const graph = page.locator(drawn ? `svg[data-nodes="${drawn}"]` : 'svg[data-nodes]');
      await graph.waitFor({ timeout: 60_000 });
      await frames();
      return { ms: Date.now() - t0, drawn: Number(await graph.getAttribute('data-nodes')) };
    };
    const renderMs: number[] = [];
    const layoutRenderMs: number[] = [];
    await open('?hops=3&groups=off', nodes); // warm-up: caches, JIT
    for (let i = 0; i < (options.runs ?? 5); i++) {
      renderMs.push((await open('?hops=3&groups=off', nodes)).ms);
      layoutRenderMs.push(
        await page.evaluate(() => (globalThis as unknown as PageGlobals).__lineageRendered.at - (globalThis as unknown as PageGlobals).__lineageFetched),
      );
    }
    // Panning: drag across the canvas and record the frame intervals.
    const box = (await page.locator('.lineage-canvas').boundingBox())!;
    await page.evaluate(() => {
      const w = (globalThis as unknown as PageGlobals);
      w.__frames = [];
      let last = w.performance.now();
      const tick = (t: number) => {
        w.__frames.push(t - last);
        last = t;
        if (w.__frames.length < 400) w.requestAnimationFrame(tick);
      };
      w.requestAnimationFrame(tick);
    });
    await page.mouse.move(box.x + 40, box.y + 40);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) await page.mouse.move(box.x + 40 + i * 8, box.y + 40 + i * 4);
    await page.mouse.up();
    const intervals = (await page.evaluate(() => (globalThis as unknown as PageGlobals).__frames)).slice(2);
    const screenshots: string[] = [];
    const shot = async (name: string) => {
      if (!options.screenshotDir) return;
      mkdirSync(options.screenshotDir, { recursive: true });
      const file = path.join(options.screenshotDir, name);
      await page.screenshot({ path: file });
      screenshots.push(file);
    };
    await page.getByRole('button', { name: 'Fit' }).click();
    await shot('bench-lineage-1000-overview.png');
    // Zoom in on the middle until names are drawn.
    for (let i = 0; i < 40 && (await page.locator('g.lnode text').count()) === 0; i++) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, -200);
      await page.waitForTimeout(30);
    }
    await frames();
    const zoomedInDrawn = await page.locator('g.lnode').count();
    await shot('bench-lineage-1000-zoomed.png');
    await server.close();
    return { nodes, edges: edges.length, renderMs, layoutRenderMs, panFrameMs: { median: median(intervals), max: Math.max(...intervals) }, zoomedInDrawn, screenshots };
  } finally {
    await browser.close();
    await catalog.close();
  }
}
