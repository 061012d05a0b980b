// The plugin registry: every source, transformer and sink, looked up by recipe `type` (or alias).
import type { SinkPlugin, SourcePlugin, TransformerPlugin } from './api/plugin.js';
import { sinks } from './sinks/index.js';
import { sources } from './sources/index.js';
import { transformers } from './transformers/index.js';

export class PluginRegistry<P extends { type: string; aliases?: string[] }> {
  private readonly byName = new Map<string, P>();
  constructor(readonly kind: 'source' | 'transformer' | 'sink', plugins: P[]) {
    for (const p of plugins) {
      for (const name of [p.type, ...(p.aliases ?? [])]) {
        if (this.byName.has(name)) throw new Error(`duplicate ${kind} plugin name "${name}"`);
        this.byName.set(name, p);
      }
    }
  }
  get(name: string): P | undefined {
    return this.byName.get(name);
  }
  /** Every accepted name (types and aliases), sorted. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }
  /** Each plugin once, sorted by type. */
  plugins(): P[] {
    return [...new Set(this.byName.values())].sort((a, b) => a.type.localeCompare(b.type));
  }
}

export interface Registries {
  sources: PluginRegistry<SourcePlugin<any>>;
  transformers: PluginRegistry<TransformerPlugin<any>>;
  sinks: PluginRegistry<SinkPlugin<any>>;
}

export function defaultRegistries(): Registries {
  return {
    sources: new PluginRegistry('source', sources),
    transformers: new PluginRegistry('transformer', transformers),
    sinks: new PluginRegistry('sink', sinks),
  };
}
