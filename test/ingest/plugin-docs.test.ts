import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pluginDocs } from '../../ingest/plugin-docs.js';
import { defaultRegistries } from '../../ingest/registry.js';

describe('docs/PLUGINS.md', () => {
  it('is what `catalog check plugins --markdown` generates from the config schemas', () => {
    const committed = readFileSync('docs/PLUGINS.md', 'utf8').trimEnd();
    expect(committed, 'regenerate with: ./catalog check plugins --markdown > docs/PLUGINS.md').toBe(pluginDocs(defaultRegistries()).trimEnd());
  });

  it('documents every plugin and every config key with a description', () => {
    const docs = pluginDocs(defaultRegistries());
    for (const name of ['datahub-business-glossary', 'file', 'simple_add_dataset_tags', 'pattern_add_dataset_terms', 'simple_add_dataset_ownership', 'catalog', 'console']) {
      expect(docs).toContain(`### \`${name}\``);
    }
    const undocumented = docs.split('\n').filter((l) => l.startsWith('| `') && / \|\s*\|$/.test(l));
    expect(undocumented).toEqual([]);
  });
});
