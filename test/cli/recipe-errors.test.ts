import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, tempDir } from '../support/cli.js';

/** Writes a recipe into a fresh directory whose store must stay untouched. */
function recipe(text: string) {
  const dir = tempDir();
  const file = path.join(dir, 'recipe.yml');
  writeFileSync(file, text);
  writeFileSync(path.join(dir, 'mcps.json'), '[]');
  return { dir, file, store: path.join(dir, 'store') };
}

const sink = (store: string) => `sink:\n  type: catalog\n  config:\n    store: pglite:${store}\n`;

describe('catalog ingest with a broken recipe', () => {
  it('names a misspelt key with its line and a suggestion, exits 2 and writes nothing', () => {
    const r = recipe('');
    writeFileSync(r.file, `source:\n  type: file\n  config:\n    paht: ./mcps.json\n${sink(r.store)}`);
    const out = catalog(['ingest', '-c', r.file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${r.file}:4:5 source.config.paht: unknown key; did you mean "path"?`);
    expect(out.stderr.split('\n').length).toBeLessThan(25);
    expect(existsSync(r.store)).toBe(false);
  });

  it('names a missing environment variable and its line', () => {
    const r = recipe('');
    writeFileSync(r.file, `source:\n  type: file\n  config:\n    path: \${MCP_FILE}\n${sink(r.store)}`);
    const unset = catalog(['ingest', '-c', r.file], { env: {} });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain(`${r.file}:4:11 source.config.path: environment variable MCP_FILE is not set`);
    expect(existsSync(r.store)).toBe(false);
  });

  it('reports a YAML syntax error with its position', () => {
    const r = recipe('');
    writeFileSync(r.file, `source:\n  type: file\n  config: {path: ./mcps.json\n${sink(r.store)}`);
    const out = catalog(['ingest', '-c', r.file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(new RegExp(`${r.file.replace(/[.]/g, '\\.')}:\\d+:\\d+: YAML syntax error`));
    expect(existsSync(r.store)).toBe(false);
  });

  it('lists the available plugins for an unknown plugin type', () => {
    const r = recipe('');
    writeFileSync(r.file, `source:\n  type: fiel\n  config: {path: ./mcps.json}\n${sink(r.store)}`);
    const out = catalog(['ingest', '-c', r.file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${r.file}:2:9 source.type: unknown source type "fiel"; did you mean "file"? available:`);
    expect(existsSync(r.store)).toBe(false);
  });

  it('exits 2 for an unknown command-line option', () => {
    const out = catalog(['ingest', '-c', 'x.yml', '--confg']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/unknown option '--confg'/);
  });

  it('validates a recipe without running it', () => {
    const r = recipe('');
    writeFileSync(r.file, `source:\n  type: file\n  config: {path: ./mcps.json}\n${sink(r.store)}`);
    const out = catalog(['check', 'recipe', '-c', r.file]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('source file, 0 transformer(s), sink catalog');
    expect(existsSync(r.store)).toBe(false);
  });
});
