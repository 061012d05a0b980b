#!/usr/bin/env node
// `catalog`: thin commands that parse flags, call ingest/ or server/, print, and exit honestly
// (0 ok, 1 the run had failures, 2 usage or configuration error). Heavy modules load lazily.
import { Command, CommanderError } from 'commander';
import { EXIT_USAGE, reportError } from './output.js';

const program = new Command();
program
  .name('catalog')
  .description('A metadata catalog and lineage service: ingest metadata with DataHub-style recipes, serve search and lineage.')
  .version('0.1.0')
  .exitOverride()
  .configureOutput({ outputError: (str, write) => write(str) })
  .showSuggestionAfterError(true);

function run(fn: () => Promise<number>): Promise<void> {
  return fn().then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.exitCode = reportError(e);
    },
  );
}

program
  .command('ingest')
  .description('Run an ingestion recipe (source -> transformers -> sink)')
  .requiredOption('-c, --config <file>', 'recipe file (YAML or JSON; - for stdin)')
  .option('-n, --dry-run', 'read and transform, but write nothing to the sink')
  .option('--preview', 'stop after the first work units (see --preview-workunits)')
  .option('--preview-workunits <n>', 'how many work units --preview runs', '10')
  .option('--strict-warnings', 'exit 1 when the run had warnings')
  .option('--report-to <file>', 'also write the run report as JSON to this file')
  .option('-q, --quiet', 'only print errors and the final report')
  .action((opts) => run(async () => (await import('./commands/ingest.js')).ingestCommand(opts)));

const check = program.command('check').description('Check plugins and recipes');
check
  .command('plugins')
  .description('List every source, transformer and sink, and whether its dependencies load')
  .option('-v, --verbose', 'say why a plugin is disabled')
  .option('--markdown', 'print the reference of every plugin and its config keys (docs/PLUGINS.md)')
  .action((opts) => run(async () => (await import('./commands/check.js')).checkPluginsCommand(opts)));
check
  .command('recipe')
  .description('Validate a recipe and every plugin config without running it')
  .requiredOption('-c, --config <file>', 'recipe file')
  .action((opts) => run(async () => (await import('./commands/check.js')).checkRecipeCommand(opts)));

program
  .command('get')
  .description('Print an entity (all aspects) or some of its aspects as JSON')
  .requiredOption('--urn <urn>', 'entity URN')
  .option('-a, --aspect <name...>', 'only these aspects')
  .option('--aspect-version <n>', 'aspect version: 0 = latest, 1..n = history (oldest first)')
  .option('--store <url>', 'store URL (default $CATALOG_STORE or pglite:./.catalog/data)')
  .action((opts) => run(async () => (await import('./commands/entity.js')).getCommand(opts)));

program
  .command('delete')
  .description('Soft-delete an entity (status.removed = true), or remove it entirely with --hard')
  .requiredOption('--urn <urn>', 'entity URN')
  .option('--hard', 'remove every aspect, version and timeseries value')
  .option('--store <url>', 'store URL (default $CATALOG_STORE or pglite:./.catalog/data)')
  .action((opts) => run(async () => (await import('./commands/entity.js')).deleteCommand(opts)));

program
  .command('serve')
  .description('Serve the catalog: DataHub-compatible REST ingest API, with API tokens')
  .option('-p, --port <port>', 'port to listen on', '8080')
  .option('--host <host>', 'address to bind (loopback by default)', '127.0.0.1')
  .option('--store <url>', 'store URL (default $CATALOG_STORE or pglite:./.catalog/data)')
  .option('--search <url>', 'search: embedded (default: in memory, durable in the store), embedded:fulltext (PostgreSQL full text) or http://host:9200 for Elasticsearch (default $CATALOG_SEARCH)')
  .option('--graph <url>', 'lineage graph: embedded (default) or bolt://host:7687 for Neo4j (default $CATALOG_GRAPH)')
  .option('--events <url>', 'change events: embedded (default, in-process) or kafka://host:9092 (default $CATALOG_EVENTS)')
  .option('--role <role>', 'all: serve and index; api: serve only, with Kafka events and `catalog consume` indexing', 'all')
  .option('--no-auth', 'accept requests without API tokens (local demos only)')
  .action((opts) => run(async () => (await import('./commands/serve.js')).serveCommand(opts)));

program
  .command('consume')
  .description('Consume from Kafka: change logs into search and the lineage graph, proposals into the store')
  .option('--store <url>', 'store URL, read to build search documents (default $CATALOG_STORE)')
  .option('--search <url>', 'search URL (default $CATALOG_SEARCH or embedded)')
  .option('--graph <url>', 'lineage graph URL (default $CATALOG_GRAPH or embedded)')
  .option('--events <url>', 'Kafka URL kafka://host:9092 (default $CATALOG_EVENTS)')
  .option('--only <consumer>', 'run one consumer: search, graph or proposals (default all three)')
  .action((opts) => run(async () => (await import('./commands/consume.js')).consumeCommand(opts)));

program
  .command('reindex')
  .description('Rebuild the search index and the lineage graph from the store')
  .option('--store <url>', 'store URL (default $CATALOG_STORE or pglite:./.catalog/data)')
  .option('--search <url>', 'search URL (default $CATALOG_SEARCH or embedded)')
  .option('--graph <url>', 'lineage graph URL (default $CATALOG_GRAPH or embedded)')
  .action((opts) => run(async () => (await import('./commands/reindex.js')).reindexCommand(opts)));

program
  .command('demo')
  .description('Start the embedded catalog with demo data: TICKIT in PGlite ingested by the seed recipe, plus the business glossary')
  .option('-p, --port <port>', 'port to listen on', '8080')
  .option('--host <host>', 'address to bind', '127.0.0.1')
  .option('--data-dir <dir>', 'demo data directory (recreated on every run)', './.catalog/demo')
  .option('--exit', 'stop after ingesting instead of serving')
  .action((opts) => run(async () => (await import('./commands/demo.js')).demoCommand(opts)));

const token = program.command('token').description('Manage API tokens (roles: reader, editor, admin)');
token
  .command('create')
  .description('Create a token and print it once')
  .requiredOption('--name <name>', 'what the token is for')
  .requiredOption('--role <role>', 'reader, editor or admin')
  .option('--actor <user>', 'user the token acts as (default: the name)')
  .option('--expires-in-days <n>', 'expiry in days (default: never)')
  .option('--store <url>', 'store URL')
  .action((opts) => run(async () => (await import('./commands/token.js')).tokenCreateCommand(opts)));
token
  .command('list')
  .description('List tokens (never their secrets)')
  .option('--store <url>', 'store URL')
  .action((opts) => run(async () => (await import('./commands/token.js')).tokenListCommand(opts)));
token
  .command('revoke')
  .description('Revoke a token by id')
  .argument('<id>', 'token id (from token list)')
  .option('--store <url>', 'store URL')
  .action((id, opts) => run(async () => (await import('./commands/token.js')).tokenRevokeCommand({ ...opts, id })));

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0 ? 0 : EXIT_USAGE;
  } else {
    process.exitCode = reportError(e);
  }
}
