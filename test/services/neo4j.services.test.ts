// Smoke test: a real Neo4j 5 (scripts/services up neo4j) over Bolt with the official driver.
// A lineage path table -> topic -> s3 -> hudi is written as nodes and relationships and read
// back with a variable-length match.
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEngine } from './engines.js';

// Every node of this run carries the run id, so runs never see each other's graphs.
const run = `smoke-${process.pid}-${Date.now()}`;
let driver: Driver;

const path = [
  { urn: 'urn:li:dataset:(urn:li:dataPlatform:postgres,shop.public.orders,PROD)', platform: 'postgres', kind: 'table' },
  { urn: 'urn:li:dataset:(urn:li:dataPlatform:kafka,shop.public.orders,PROD)', platform: 'kafka', kind: 'topic' },
  { urn: 'urn:li:dataset:(urn:li:dataPlatform:s3,lake/raw/orders,PROD)', platform: 's3', kind: 'files' },
  { urn: 'urn:li:dataset:(urn:li:dataPlatform:hudi,lake.orders,PROD)', platform: 'hudi', kind: 'table' },
];
const jobs = ['debezium-postgres', 's3-sink-connector', 'hudi-deltastreamer'];

describe('neo4j (real server over Bolt)', () => {
  beforeAll(async () => {
    const engine = await requireEngine('neo4j');
    // Authentication is off on the test server: any credentials are accepted.
    driver = neo4j.driver(engine.url, neo4j.auth.basic('neo4j', 'auth-is-off'), { connectionTimeout: 10_000 });
  });

  afterAll(async () => {
    if (!driver) return;
    await driver.executeQuery('MATCH (d:Dataset {run: $run}) DETACH DELETE d', { run });
    await driver.close();
  });

  it('is Neo4j 5 speaking Bolt 5', async () => {
    const info = await driver.getServerInfo();
    expect(info.agent).toMatch(/^Neo4j\/5\./);
    expect(info.protocolVersion?.getMajor()).toBeGreaterThanOrEqual(5);
  });

  it('writes a lineage path table -> topic -> s3 -> hudi and reads it back with a variable-length match', async () => {
    await driver.executeQuery(
      `UNWIND $path AS d
       CREATE (:Dataset {run: $run, urn: d.urn, platform: d.platform, kind: d.kind})`,
      { run, path },
    );
    const edges = jobs.map((job, i) => ({ from: path[i]!.urn, to: path[i + 1]!.urn, job }));
    const created = await driver.executeQuery(
      `UNWIND $edges AS e
       MATCH (up:Dataset {run: $run, urn: e.from}), (down:Dataset {run: $run, urn: e.to})
       CREATE (down)-[:DOWNSTREAM_OF {job: e.job}]->(up)`,
      { run, edges },
    );
    expect(created.summary.counters.updates().relationshipsCreated).toBe(3);

    // Upstream lineage of the hudi table, any depth: one path of three hops back to postgres.
    const { records } = await driver.executeQuery(
      `MATCH p = (leaf:Dataset {run: $run, platform: 'hudi'})-[:DOWNSTREAM_OF*1..10]->(root:Dataset {run: $run})
       WHERE NOT (root)-[:DOWNSTREAM_OF]->()
       RETURN [n IN nodes(p) | n.platform] AS platforms, [r IN relationships(p) | r.job] AS jobs, length(p) AS hops`,
      { run },
    );
    expect(records).toHaveLength(1);
    const rec = records[0]!;
    expect(rec.get('platforms')).toEqual(['hudi', 's3', 'kafka', 'postgres']);
    expect(rec.get('jobs')).toEqual([...jobs].reverse());
    expect(neo4j.integer.toNumber(rec.get('hops'))).toBe(3);

    // Downstream impact of the source table, read the other way: every dataset within 1..3 hops.
    const impact = await driver.executeQuery(
      `MATCH (src:Dataset {run: $run, platform: 'postgres'})<-[:DOWNSTREAM_OF*1..3]-(d:Dataset)
       RETURN d.platform AS platform ORDER BY platform`,
      { run },
    );
    expect(impact.records.map((r) => r.get('platform'))).toEqual(['hudi', 'kafka', 's3']);

    // shortestPath between the two ends, as a lineage-path API would ask.
    const shortest = await driver.executeQuery(
      `MATCH (a:Dataset {run: $run, platform: 'hudi'}), (b:Dataset {run: $run, platform: 'postgres'})
       MATCH p = shortestPath((a)-[:DOWNSTREAM_OF*]->(b))
       RETURN [n IN nodes(p) | n.urn] AS urns`,
      { run },
    );
    expect(shortest.records[0]!.get('urns')).toEqual(path.map((d) => d.urn).reverse());
  });
});
