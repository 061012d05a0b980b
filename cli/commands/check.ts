import { Pipeline } from '../../ingest/pipeline/pipeline.js';
import { pluginDocs } from '../../ingest/plugin-docs.js';
import { defaultRegistries } from '../../ingest/registry.js';
import { EXIT_OK, green, red } from '../output.js';

type Described = { type: string; aliases?: string[]; description: string; checkDependencies?(): Promise<void> };

async function section(title: string, plugins: Described[], verbose: boolean): Promise<string[]> {
  const lines = [`${title}:`];
  for (const p of plugins) {
    let status = '';
    try {
      await p.checkDependencies?.();
    } catch (e) {
      status = ` ${red('(disabled)')}${verbose ? ` ${(e as Error).message}` : ''}`;
    }
    const aliases = p.aliases?.length ? ` (also: ${p.aliases.join(', ')})` : '';
    lines.push(`  ${p.type.padEnd(34)} ${p.description}${aliases}${status}`);
  }
  return lines;
}

export async function checkPluginsCommand(opts: { verbose?: boolean; markdown?: boolean }): Promise<number> {
  const r = defaultRegistries();
  if (opts.markdown) {
    process.stdout.write(`${pluginDocs(r)}\n`);
    return EXIT_OK;
  }
  const out = [
    ...(await section('Sources', r.sources.plugins(), Boolean(opts.verbose))),
    '',
    ...(await section('Transformers', r.transformers.plugins(), Boolean(opts.verbose))),
    '',
    ...(await section('Sinks', r.sinks.plugins(), Boolean(opts.verbose))),
  ];
  if (!opts.verbose) out.push('', 'For details on why a plugin is disabled, rerun with --verbose');
  process.stdout.write(`${out.join('\n')}\n`);
  return EXIT_OK;
}

export async function checkRecipeCommand(opts: { config: string }): Promise<number> {
  const p = Pipeline.create(opts.config);
  const { source, transformers, sink } = p.resolved;
  process.stdout.write(
    `${green('ok')} ${opts.config}: source ${source.plugin.type}, ${transformers.length} transformer(s)${transformers.length ? ` (${transformers.map((t) => t.plugin.type).join(', ')})` : ''}, sink ${sink.plugin.type}\n`,
  );
  return EXIT_OK;
}
