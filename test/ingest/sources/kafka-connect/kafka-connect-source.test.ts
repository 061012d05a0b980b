// The kafka-connect source against what the real Connect REST API answered for the seeds' Debezium
// connectors (fixtures/connect-rest.json, recorded by fixtures/capture.mjs): flows and jobs in
// DataHub's shapes, lineage whose URNs are the ones the postgres and kafka sources produce, the
// unwrap transform's columns, and a report that names what it could not resolve.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CatalogClient } from '../../../../ingest/api/catalog-client.js';
import type { SinkPlugin } from '../../../../ingest/api/plugin.js';
import { SinkReport } from '../../../../ingest/api/report.js';
import type { WorkUnit } from '../../../../ingest/api/workunit.js';
import type { AspectValue } from '../../../../model/mcp.js';
import { Pipeline } from '../../../../ingest/pipeline/pipeline.js';
import { defaultRegistries, PluginRegistry, type Registries } from '../../../../ingest/registry.js';
import { memorySink } from '../../../support/memory-sink.js';
import { fakeCatalog } from '../context.js';
import { ingest, recording, replay, type Replay } from './harness.js';

const MOMA = 'source_connector_moma_postgres_kafka';
const PAGILA = 'debezium_avro_source_connector_postgresql_05';
const ROUTED = 'pagila_routed_film_source';
const FAILED = 'pagila_actor_source_slot_taken';
const pg = (name: string) => `urn:li:dataset:(urn:li:dataPlatform:postgres,${name},PROD)`;
const topic = (name: string) => `urn:li:dataset:(urn:li:dataPlatform:kafka,${name},PROD)`;
const flow = (connector: string) => `urn:li:dataFlow:(kafka-connect,${connector},PROD)`;
const job = (connector: string, id: string) => `urn:li:dataJob:(${flow(connector)},${id})`;

let connect: Replay;
beforeAll(async () => {
  connect = await replay();
});
afterAll(async () => {
  await connect.close();
});

describe('kafka-connect source, on the recorded REST API of a real Connect worker with Debezium', () => {
  it('reads every connector in one expanded request, then each one\'s active topics', async () => {
    await ingest({ connect_uri: connect.url });
    expect(connect.requests.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/connectors?expand=info&expand=status', ...[MOMA, PAGILA, ROUTED, FAILED].map((c) => `/connectors/${c}/topics`)]),
    );
  });

  it('emits one flow per connector, described as DataHub does, with its config and state', async () => {
    const run = await ingest({ connect_uri: connect.url, cluster_name: 'catalog-connect' });
    expect(run.urns('dataFlow')).toEqual([flow(PAGILA), flow(FAILED), flow(ROUTED), flow(MOMA)].sort());
    const info = run.aspect(flow(MOMA), 'dataFlowInfo')!;
    expect(info.name).toBe(MOMA);
    expect(info.description).toBe('Source connector using `io.debezium.connector.postgresql.PostgresConnector` plugin.');
    expect(info.customProperties).toMatchObject({
      'table.include.list': 'public.artists,public.artworks',
      'connect.cluster': 'catalog-connect',
      'connector.state': 'RUNNING',
      'connector.task_states': 'RUNNING',
    });
    expect(run.result.sourceReport!.toJSON()).toMatchObject({ connectors_scanned: 4, connectors_with_lineage: 4, lineage_edges: 7 });
  });

  it('warns about a connector whose task Connect reports FAILED, and still reads its lineage from the config', async () => {
    const run = await ingest({ connect_uri: connect.url });
    const warning = run.result.sourceReport!.warnings.toJSON().find((w) => w.title === 'Connector failed')!;
    expect(warning.context).toEqual([FAILED]);
    expect(warning.message).toBe(
      'Connect reports FAILED task 0: org.apache.kafka.connect.errors.ConnectException: An exception occurred in the change event producer. This connector will be stopped.; lineage is read from its config',
    );
    expect(run.aspect(flow(FAILED), 'dataFlowInfo')!.customProperties['connector.task_states']).toBe('FAILED');
    expect(run.aspect(job(FAILED, 'pagila.public.actor'), 'dataJobInputOutput')!.outputDatasets).toEqual([topic('pagila_copy.public.actor')]);
  });

  it('links each Postgres table to its <topic.prefix>.<schema>.<table> topic with the postgres and kafka URN rules', async () => {
    const run = await ingest({ connect_uri: connect.url });
    expect(run.aspect(job(MOMA, 'moma.public.artists'), 'dataJobInputOutput')).toEqual({
      inputDatasets: [pg('moma.public.artists')],
      outputDatasets: [topic('moma.public.artists')],
    });
    expect(run.aspect(job(MOMA, 'moma.public.artworks'), 'dataJobInputOutput')).toEqual({
      inputDatasets: [pg('moma.public.artworks')],
      outputDatasets: [topic('moma.public.artworks')],
    });
    expect(run.aspect(job(MOMA, 'moma.public.artists'), 'dataJobInfo')).toEqual({
      name: `${MOMA}:moma.public.artists`,
      type: { string: 'COMMAND' },
      flowUrn: flow(MOMA),
      customProperties: { 'unwrap.added_fields': '__op,__db,__table,__schema,__lsn,__source_ts_ms,__deleted' },
      env: 'PROD',
    });
  });

  it('finds the tables of a connector without table.include.list from the topics it has written', async () => {
    const run = await ingest({ connect_uri: connect.url });
    const jobs = run.urns('dataJob').filter((u) => u.includes(`,${PAGILA},`));
    expect(jobs).toEqual(['pagila.public.actor', 'pagila.public.film', 'pagila.public.language'].map((t) => job(PAGILA, t)));
    expect(run.aspect(job(PAGILA, 'pagila.public.film'), 'dataJobInputOutput')!.outputDatasets).toEqual([topic('pagila.public.film')]);
  });

  it('follows a RegexRouter to the topic the records really land on', async () => {
    const run = await ingest({ connect_uri: connect.url });
    // staging.public.film, renamed by ([^.]+)\.([^.]+)\.([^.]+) -> cdc.$3; the recording shows Connect's active topic cdc.film.
    const active = (recording.responses[`/connectors/${ROUTED}/topics`]!.body as Record<string, { topics: string[] }>)[ROUTED]!.topics;
    expect(active).toEqual(['cdc.film']);
    expect(run.aspect(job(ROUTED, 'pagila.public.film'), 'dataJobInputOutput')).toEqual({
      inputDatasets: [pg('pagila.public.film')],
      outputDatasets: [topic('cdc.film')],
    });
  });

  it('records the unwrap transform\'s extra columns on the flow', async () => {
    const run = await ingest({ connect_uri: connect.url });
    expect(run.aspect(flow(PAGILA), 'dataFlowInfo')!.customProperties).toMatchObject({
      'unwrap.transform': 'unwrap',
      'unwrap.added_fields': '__op,__db,__table,__schema,__lsn,__source_ts_ms,__deleted',
    });
    expect(run.aspect(flow(ROUTED), 'dataFlowInfo')!.customProperties['unwrap.added_fields']).toBeUndefined();
  });

  it('takes the input of a connector named in generic_connectors from the recipe, and its outputs from its topics', async () => {
    const run = await ingest({
      connect_uri: connect.url,
      connector_patterns: { allow: [ROUTED] },
      generic_connectors: [{ connector_name: ROUTED, source_dataset: 'pagila.public.film_copy', source_platform: 'postgres' }],
    });
    expect(run.aspect(job(ROUTED, 'pagila.public.film_copy'), 'dataJobInputOutput')).toEqual({
      inputDatasets: [pg('pagila.public.film_copy')],
      outputDatasets: [topic('cdc.film')],
    });
  });

  it('filters connectors by connector_patterns', async () => {
    const run = await ingest({ connect_uri: connect.url, connector_patterns: { deny: ['pagila_'] } });
    expect(run.urns('dataFlow')).toEqual([flow(PAGILA), flow(MOMA)].sort());
    expect(run.result.sourceReport!.filtered.sort()).toEqual([FAILED, ROUTED]);
  });

  it('puts platform instances and env into the URNs, per connector and per platform', async () => {
    const run = await ingest({
      connect_uri: connect.url,
      env: 'dev',
      platform_instance: 'connect-east',
      platform_instance_map: { kafka: 'msk', postgres: 'rds' },
      connect_to_platform_map: { [MOMA]: { postgres: 'moma_rds' } },
    });
    const momaFlow = 'urn:li:dataFlow:(kafka-connect,connect-east.source_connector_moma_postgres_kafka,DEV)';
    expect(run.aspect(`urn:li:dataJob:(${momaFlow},moma.public.artists)`, 'dataJobInputOutput')).toEqual({
      inputDatasets: ['urn:li:dataset:(urn:li:dataPlatform:postgres,moma_rds.moma.public.artists,DEV)'],
      outputDatasets: ['urn:li:dataset:(urn:li:dataPlatform:kafka,msk.moma.public.artists,DEV)'],
    });
    const routedFlow = 'urn:li:dataFlow:(kafka-connect,connect-east.pagila_routed_film_source,DEV)';
    expect(run.aspect(`urn:li:dataJob:(${routedFlow},pagila.public.film)`, 'dataJobInputOutput')!.inputDatasets).toEqual([
      'urn:li:dataset:(urn:li:dataPlatform:postgres,rds.pagila.public.film,DEV)',
    ]);
  });

  it('lists every lineage end that no source has produced as a warning, naming the dataset', async () => {
    // The catalog holds the MoMA tables and one of their topics, as if postgres and kafka had run.
    const catalog = fakeCatalog({
      [`${pg('moma.public.artists')} status`]: { removed: false },
      [`${pg('moma.public.artworks')} status`]: { removed: false },
      [`${topic('moma.public.artists')} status`]: { removed: false },
      [`${topic('moma.public.artworks')} status`]: { removed: true },
    });
    const run = await ingest({ connect_uri: connect.url, connector_patterns: { allow: ['source_connector_moma'] } }, catalog);
    expect(run.warnings()).toEqual([`Lineage to a removed entity: ${topic('moma.public.artworks')} (job ${job(MOMA, 'moma.public.artworks')})`]);

    const all = await ingest({ connect_uri: connect.url, connector_patterns: { deny: [FAILED] } }, catalog);
    const report = all.result.sourceReport!.toJSON() as { unresolved_lineage_targets: string[]; unresolved_lineage_targets_count: number };
    expect(report.unresolved_lineage_targets).toContain(pg('pagila.public.film'));
    expect(report.unresolved_lineage_targets).toContain(topic('cdc.film'));
    expect(report.unresolved_lineage_targets).not.toContain(pg('moma.public.artists'));
    expect(report.unresolved_lineage_targets_count).toBe(8);
    expect(all.warnings()).toContain(`Lineage to an entity no source has produced: ${topic('cdc.film')} (job ${job(ROUTED, 'pagila.public.film')})`);
  });

  it('says the lineage ends were not checked when the sink writes to no catalog', async () => {
    const run = await ingest({ connect_uri: connect.url });
    expect(run.result.sourceReport!.infos.toJSON().map((i) => i.title)).toContain('Lineage targets not checked');
    expect(run.warnings()).toEqual([`Connector failed: ${FAILED}`]);
  });

  it('sends basic authentication when username and password are given, and never reports the password', async () => {
    const run = await ingest({ connect_uri: connect.url, username: 'catalog', password: 's3cr3t-pw' });
    expect(connect.requests.at(-1)!.authorization).toBe(`Basic ${Buffer.from('catalog:s3cr3t-pw').toString('base64')}`);
    expect(JSON.stringify(run.result.sourceReport!.toJSON())).not.toContain('s3cr3t-pw');
    expect(JSON.stringify(run.mcps)).not.toContain('s3cr3t-pw');
  });
});

describe('kafka-connect source with stateful ingestion', () => {
  it('soft-deletes the flow and jobs of a connector that is gone since the last run', async () => {
    // A sink that keeps the latest aspects and checkpoints, and reads them back as a catalog would.
    const latest = new Map<string, AspectValue>();
    const checkpoints = new Map<string, AspectValue[]>();
    const catalog: CatalogClient = {
      getAspect: async (urn, aspect) => latest.get(`${urn} ${aspect}`) ?? null,
      getTimeseries: async (urn, aspect) => [...(checkpoints.get(`${urn} ${aspect}`) ?? [])].reverse(),
    };
    const sink: SinkPlugin<Record<string, never>> = {
      type: 'memory',
      description: 'a catalog in memory (tests)',
      configSchema: z.strictObject({}),
      create: () => ({
        report: new SinkReport(),
        catalog,
        async write(batch: WorkUnit[]) {
          for (const { mcp } of batch) {
            const key = `${mcp.entityUrn} ${mcp.aspectName}`;
            if (mcp.aspectName === 'datahubIngestionCheckpoint') checkpoints.set(key, [...(checkpoints.get(key) ?? []), mcp.aspect as AspectValue]);
            else latest.set(key, mcp.aspect as AspectValue);
          }
        },
        async close() {},
      }),
    };
    const registries: Registries = { ...defaultRegistries(), sinks: new PluginRegistry('sink', [sink]) };
    const run = (deny: string[]) =>
      Pipeline.create(
        { pipeline_name: 'connect-lineage', source: { type: 'kafka-connect', config: { connect_uri: connect.url, connector_patterns: { deny }, stateful_ingestion: { enabled: true } } }, sink: { type: 'memory' } },
        { registries },
      ).run();
    const removed = (urn: string) => (latest.get(`${urn} status`) as { removed: boolean } | undefined)?.removed;

    expect((await run([])).exitCode).toBe(0);
    expect(removed(flow(ROUTED))).toBe(false);
    const second = await run([ROUTED]);
    expect(removed(flow(ROUTED))).toBe(true);
    expect(removed(job(ROUTED, 'pagila.public.film'))).toBe(true);
    expect(removed(flow(MOMA))).toBe(false);
    expect(second.sourceReport!.softDeletedStaleEntities.sort()).toEqual([flow(ROUTED), job(ROUTED, 'pagila.public.film')].sort());
  });
});

describe('recipes/kafka-connect.yml', () => {
  it('runs against a worker given by CONNECT_URI and takes the seeds\' connectors only', async () => {
    const out: WorkUnit[] = [];
    const registries: Registries = { ...defaultRegistries(), sinks: new PluginRegistry('sink', [memorySink(out, 'catalog')]) };
    process.env.CONNECT_URI = connect.url;
    try {
      const result = await Pipeline.create(path.resolve('recipes/kafka-connect.yml'), { registries }).run();
      expect(result.exitCode).toBe(0);
    } finally {
      delete process.env.CONNECT_URI;
    }
    expect([...new Set(out.filter((w) => w.mcp.entityType === 'dataFlow').map((w) => w.mcp.entityUrn))].sort()).toEqual([flow(PAGILA), flow(MOMA)].sort());
    expect(connect.requests.at(-1)!.authorization).toBeUndefined();
  });
});

describe('kafka-connect source, when the REST API is not there', () => {
  it('reports an unreachable worker as one failure naming connect_uri, and ends the run cleanly', async () => {
    const gone = await replay();
    await gone.close(); // a port nothing listens on any more
    const run = await ingest({ connect_uri: gone.url });
    const failures = run.result.sourceReport!.failures.toJSON();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ title: 'Cannot read connectors', context: [gone.url] });
    expect(failures[0]!.message).toBe(
      `cannot reach Kafka Connect at ${gone.url}/connectors?expand=info&expand=status: ECONNREFUSED; check connect_uri and that the worker is running`,
    );
    expect(run.mcps).toEqual([]);
  });

  it('says to check the credentials on a 401', async () => {
    const denied = await replay({ '/connectors?expand=info&expand=status': { status: 401, body: { error_code: 401, message: 'Unauthorized' } } });
    try {
      const run = await ingest({ connect_uri: denied.url, username: 'x', password: 'wrong-password' });
      expect(run.result.sourceReport!.failures.toJSON()[0]!.message).toMatch(/answered 401: Unauthorized; check username and password/);
    } finally {
      await denied.close();
    }
  });

  it('keeps the connectors it can read when a worker without expand= fails on one of them', async () => {
    const old = await replay({
      '/connectors?expand=info&expand=status': { status: 200, body: [MOMA, 'broken'] },
      [`/connectors/${MOMA}`]: {
        status: 200,
        body: (recording.responses['/connectors?expand=info&expand=status']!.body as Record<string, { info: unknown }>)[MOMA]!.info,
      },
      [`/connectors/${MOMA}/topics`]: recording.responses[`/connectors/${MOMA}/topics`]!,
      '/connectors/broken': { status: 500, body: { error_code: 500, message: 'Request timed out' } },
    });
    try {
      const run = await ingest({ connect_uri: old.url });
      expect(run.urns('dataFlow')).toEqual([flow(MOMA)]);
      expect(run.warnings()).toEqual(['Failed to read connector: broken']);
      expect(run.urns('dataJob')).toHaveLength(2);
    } finally {
      await old.close();
    }
  });
});
