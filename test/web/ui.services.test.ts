// The web UI end to end, in headless Debian Chromium against `catalog demo` data: what a data
// engineer does (search, filter by a glossary term, read a dataset's columns and stats, follow
// lineage a hop further, tag a dataset) and what a reader cannot do. Every page is checked with
// axe-core (no serious or critical violations) and saved as a screenshot under test-artifacts/web.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, launch, screenshot } from './support/browser.js';
import { startDemo, type Demo } from './support/demo.js';

const USERS = 'urn:li:dataset:(urn:li:dataPlatform:postgres,tickit.public.users,DEV)';
const SENSITIVE = 'urn:li:glossaryTerm:Classification.Sensitive';

let browser: Browser;
let demo: Demo;
let editor: BrowserContext;
let page: Page;

async function signIn(context: BrowserContext, token: string): Promise<Page> {
  const p = await context.newPage();
  await p.goto(`${demo.url}/`);
  await p.waitForURL(/\/signin/);
  await p.getByLabel('API token').fill(token);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.getByRole('heading', { name: 'Find data' }).waitFor();
  return p;
}

beforeAll(async () => {
  browser = await launch();
  demo = await startDemo();
  editor = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  page = await signIn(editor, demo.tokens.editor);
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('the web UI on the demo catalog', () => {
  it('signs in with an API token and shows the catalog overview on the home page', async () => {
    await expect(page.getByTestId('role').textContent()).resolves.toBe('editor');
    await page.getByRole('heading', { name: /datasets by platform/ }).waitFor();
    const overview = await page.locator('main').textContent();
    expect(overview).toMatch(/postgres/);
    expect(overview).toMatch(/hudi/);
    expect(overview).toContain('Recently changed');
    await page.getByRole('link', { name: 'Classification' }).first().waitFor();
    await screenshot(page, '01-home');
    expect(await axeSerious(page)).toEqual([]);
  });

  it('suggests datasets while typing and searches "users" with the match highlighted', async () => {
    const box = page.getByRole('combobox', { name: /Search datasets/ });
    await box.fill('users');
    await page.getByRole('option', { name: /users/ }).first().waitFor();
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=users/);
    const first = page.locator('ol.results > li').first();
    await expect(first.locator('.title').textContent()).resolves.toContain('users');
    await expect(first.locator('mark').first().textContent()).resolves.toMatch(/users/i);
    await page.getByRole('complementary', { name: 'Filters' }).getByRole('link', { name: /Sensitive/ }).waitFor();
    await screenshot(page, '02-search-users');
    expect(await axeSerious(page)).toEqual([]);
  });

  it('filters by the Classification.Sensitive term; the filter is in the URL and every result carries the term', async () => {
    await page.getByRole('complementary', { name: 'Filters' }).getByRole('link', { name: /Sensitive/ }).click();
    await page.waitForURL((u) => u.searchParams.getAll('f').includes(`glossaryTerms:${SENSITIVE}`));
    await page.getByLabel('Active filters').waitFor();
    const results = page.locator('ol.results > li');
    await results.first().waitFor();
    const n = await results.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) await expect(results.nth(i).locator('.chip-term').allTextContents()).resolves.toContain('Sensitive');
    await screenshot(page, '03-search-filtered');
    expect(await axeSerious(page)).toEqual([]);
  });

  it('opens the users dataset and shows its columns with types and the header with term, tags and owner', async () => {
    await page.locator('ol.results > li .title a', { hasText: 'users' }).first().click();
    await page.waitForURL(/\/dataset\//);
    const columns = page.getByRole('table', { name: 'Columns' });
    await columns.waitFor();
    const text = await columns.textContent();
    for (const c of ['userid', 'username', 'email', 'city']) expect(text).toContain(c);
    const header = await page.locator('.dataset-header').textContent();
    expect(header).toContain('Sensitive');
    expect(header).toContain('AWS');
    expect(header).toContain('Database Administrators');
    expect(header).toContain('DEV');
    await screenshot(page, '04-dataset-schema');
    expect(await axeSerious(page)).toEqual([]);
  });

  it('shows column statistics with charts and the row-count history', async () => {
    await page.getByRole('link', { name: 'Stats' }).click();
    const stats = page.getByRole('table', { name: 'Column statistics' });
    await stats.waitFor();
    const email = await stats.locator('tr', { hasText: 'email' }).textContent();
    expect(email).toContain('200'); // 200 of 2,000 emails are null in TICKIT's users
    expect(email).toContain('10.0%');
    await page.getByRole('button', { name: 'Show charts for city' }).click();
    await page.getByRole('img', { name: /Value frequencies of city/ }).waitFor();
    await page.getByRole('img', { name: /Row count over 1 runs/ }).waitFor();
    expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, '05-dataset-stats');
    expect(await axeSerious(page)).toEqual([]);
  });

  it('shows the schema history', async () => {
    await page.getByRole('link', { name: 'Schema history' }).click();
    await page.getByText('Version 1').waitFor();
    await screenshot(page, '06-dataset-history');
    expect(await axeSerious(page)).toEqual([]);
  });

  it('draws the lineage graph and expands one hop upstream of a downstream view', async () => {
    await page.getByRole('link', { name: 'Lineage' }).click();
    const graph = page.getByRole('group', { name: 'Lineage graph' });
    await graph.waitFor();
    const topBuyers = page.locator('g.lnode[data-urn*="tickit.public.top_buyers"]');
    await topBuyers.waitFor();
    expect(await page.locator('g.lnode[data-urn*="tickit.public.sales,"]').count()).toBe(0);
    // the way back towards the root is offered on the selected node
    expect(await page.getByRole('button', { name: 'Expand upstream of top_buyers' }).count()).toBe(0);
    await topBuyers.getByRole('button', { name: /^top_buyers/ }).click();
    await page.getByRole('button', { name: 'Expand upstream of top_buyers' }).click();
    await page.locator('g.lnode[data-urn*="tickit.public.sales,"]').waitFor();
    expect(Number(await graph.getAttribute('data-nodes'))).toBeGreaterThanOrEqual(3);
    await screenshot(page, '07-lineage-graph');
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole('button', { name: 'Table' }).click();
    const table = await page.getByRole('table', { name: 'Lineage table' }).textContent();
    expect(table).toContain('top_buyers');
    expect(table).toContain('sales');
    await screenshot(page, '08-lineage-table');
    await page.getByRole('button', { name: 'Graph' }).click();
    await page.getByLabel('Column lineage of').selectOption('userid');
    await expect(page.getByText(/Column userid: .*userid → userid/).textContent()).resolves.toContain('dashed');
    expect(await page.locator('path.ledge.column').count()).toBeGreaterThan(0);
    await screenshot(page, '08b-lineage-column');
  });

  it('lets an editor add a tag to the dataset, which search then finds', async () => {
    await page.goto(`${demo.url}/dataset/${encodeURIComponent(USERS)}/schema`);
    await page.getByRole('button', { name: 'Add tag to users' }).click();
    await page.getByLabel('New tag for users').fill('e2e-reviewed');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('.dataset-header .chip-tag', { hasText: 'e2e-reviewed' }).waitFor();
    await screenshot(page, '09-dataset-tagged');
    await page.goto(`${demo.url}/search?q=users&f=${encodeURIComponent('tags:urn:li:tag:e2e-reviewed')}`);
    const first = page.locator('ol.results > li').first();
    await first.waitFor();
    await expect(first.locator('.title').textContent()).resolves.toContain('users');
    await expect(first.locator('.chip-tag').allTextContents()).resolves.toContain('e2e-reviewed');
    await screenshot(page, '10-search-by-new-tag');
  });

  it('shows the glossary tree, a term with the datasets that carry it, tags and analytics', async () => {
    await page.goto(`${demo.url}/glossary`);
    await page.getByRole('navigation', { name: 'Glossary tree' }).getByRole('link', { name: 'Sensitive' }).first().click();
    await page.getByRole('heading', { name: 'Sensitive' }).waitFor();
    await expect(page.getByRole('table', { name: /carrying this term/ }).textContent()).resolves.toContain('users');
    await screenshot(page, '11-glossary-term');
    expect(await axeSerious(page)).toEqual([]);
    await page.goto(`${demo.url}/tags`);
    await page.getByRole('link', { name: 'e2e-reviewed' }).first().waitFor();
    await screenshot(page, '12-tags');
    expect(await axeSerious(page)).toEqual([]);
    await page.goto(`${demo.url}/analytics`);
    await page.getByRole('img', { name: /Datasets by platform/ }).waitFor();
    await page.getByRole('table', { name: 'Ingestion runs' }).waitFor();
    expect(await page.getByRole('table', { name: 'Ingestion runs' }).textContent()).toContain('SUCCESS');
    await screenshot(page, '13-analytics');
    expect(await axeSerious(page)).toEqual([]);
  });

  it('shows documentation, ownership, a Hudi table\'s operations, the glossary tree and a tag page', async () => {
    const tabs = [
      ['docs', 'Description', '16-dataset-docs'],
      ['ownership', 'Database Administrators', '17-dataset-ownership'],
    ] as const;
    for (const [tab, text, shot] of tabs) {
      await page.goto(`${demo.url}/dataset/${encodeURIComponent(USERS)}/${tab}`);
      await page.getByText(text).first().waitFor();
      await screenshot(page, shot);
      expect(await axeSerious(page)).toEqual([]);
    }
    await page.goto(`${demo.url}/search?q=artists_cow&f=${encodeURIComponent('platform:hudi')}`);
    await page.locator('ol.results > li .title a').first().click();
    await page.getByRole('link', { name: 'Operations' }).click();
    const ops = page.getByRole('table', { name: 'Operations' });
    await ops.waitFor();
    expect(await ops.locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, '18-hudi-operations');
    expect(await axeSerious(page)).toEqual([]);
    await page.goto(`${demo.url}/glossary`);
    await page.getByRole('navigation', { name: 'Glossary tree' }).waitFor();
    await screenshot(page, '19-glossary-tree');
    expect(await axeSerious(page)).toEqual([]);
    await page.goto(`${demo.url}/tag/${encodeURIComponent('urn:li:tag:AWS')}`);
    await expect(page.getByRole('table', { name: 'Entities carrying this tag' }).textContent()).resolves.toContain('users');
    await screenshot(page, '20-tag');
    expect(await axeSerious(page)).toEqual([]);
  });

  it('keeps a reader read-only: no edit controls, and the server refuses a direct edit', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const reader = await signIn(context, demo.tokens.reader);
    await reader.goto(`${demo.url}/dataset/${encodeURIComponent(USERS)}/schema`);
    await reader.getByRole('table', { name: 'Columns' }).waitFor();
    await reader.getByText('Read-only: your token’s role cannot edit.').waitFor();
    expect(await reader.getByRole('button', { name: /^Add (tag|glossary term) to/ }).count()).toBe(0);
    expect(await reader.getByRole('button', { name: /^Remove tag/ }).count()).toBe(0);
    expect(await reader.getByRole('button', { name: /^Edit description/ }).count()).toBe(0);
    const refused = await reader.evaluate(async (urn) => {
      const res = await fetch('/api/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${(globalThis as unknown as { localStorage: { getItem(k: string): string } }).localStorage.getItem('catalog.token')}` },
        body: JSON.stringify({ query: `mutation { addTag(input: { tagUrn: "urn:li:tag:nope", resourceUrn: "${urn}" }) }` }),
      });
      return ((await res.json()) as { errors?: Array<{ extensions: { code: string } }> }).errors?.[0]?.extensions.code;
    }, USERS);
    expect(refused).toBe('FORBIDDEN');
    await screenshot(reader, '14-reader-read-only');
    await context.close();
  });

  it('asks for a token and explains a wrong one', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(`${demo.url}/analytics`);
    await p.waitForURL(/\/signin\?next=%2Fanalytics/);
    await p.getByLabel('API token').fill('cat_nope_nope');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await expect(p.getByRole('alert').textContent()).resolves.toMatch(/unknown, revoked or expired/);
    await screenshot(p, '15-signin-error');
    expect(await axeSerious(p)).toEqual([]);
    await context.close();
  });
});
