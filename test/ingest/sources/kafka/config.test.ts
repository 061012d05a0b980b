// The kafka source's recipe keys: DataHub's, strict, with internal and Connect topics left out by default.
import { describe, expect, it } from 'vitest';
import { AllowDenyPattern } from '../../../../ingest/common/pattern.js';
import { Pipeline } from '../../../../ingest/pipeline/pipeline.js';
import { kafkaSourceConfigSchema } from '../../../../ingest/sources/kafka/config.js';
import { collapseGroups } from '../../../../ingest/sources/kafka/cluster.js';
import { claimedBy } from '../../../../ingest/sources/schema-registry/source.js';

describe('the kafka source config', () => {
  it('leaves out internal and Kafka Connect topics unless the recipe denies something else', () => {
    const pattern = (c: object) => new AllowDenyPattern(kafkaSourceConfigSchema.parse(c).topic_patterns);
    const byDefault = pattern({});
    expect(['__consumer_offsets', '_schemas', 'connect-configs', 'connect-offsets', 'connect-status'].filter((t) => byDefault.allowed(t))).toEqual([]);
    expect(byDefault.allowed('pagila.public.film')).toBe(true);
    // Only an allow list: the default deny list still applies.
    expect(pattern({ topic_patterns: { allow: ['pagila\\..*', 'connect-.*'] } }).allowed('connect-status')).toBe(false);
    expect(pattern({ topic_patterns: { deny: [] } }).allowed('__consumer_offsets')).toBe(true);
  });

  it('takes DataHub\'s ConfluentSchemaRegistry class name and the short names', () => {
    expect(kafkaSourceConfigSchema.parse({ schema_registry_class: 'datahub.ingestion.source.confluent_schema_registry.ConfluentSchemaRegistry' }).schema_registry_class).toBe('confluent');
    expect(kafkaSourceConfigSchema.parse({ schema_registry_type: 'glue' }).schema_registry_type).toBe('glue');
    expect(() => kafkaSourceConfigSchema.parse({ schema_registry_class: 'apicurio', schema_registry_type: 'glue' })).toThrow(/disagree/);
  });

  it('rejects a misspelt key with the recipe path and a suggestion', () => {
    expect(() => Pipeline.create({ source: { type: 'kafka', config: { conection: {} } }, sink: { type: 'console' } })).toThrow(/source\.config\.conection: unknown key; did you mean "connection"\?/);
  });
});

describe('subjects and consumer groups', () => {
  it('knows which subjects a topic claims under TopicNameStrategy and TopicRecordNameStrategy', () => {
    const topics = new Set(['pagila.sales.avro', 'orders']);
    expect(claimedBy('pagila.sales.avro-value', topics)).toBe('pagila.sales.avro');
    expect(claimedBy('pagila.sales.avro-key', topics)).toBe('pagila.sales.avro');
    expect(claimedBy('orders-com.acme.OrderPlaced', topics)).toBe('orders');
    expect(claimedBy('pagila.sales.csv', topics)).toBeNull();
    expect(claimedBy('other-value', topics)).toBeNull();
  });

  it('collapses consumer groups that differ only by a timestamp suffix, as the seeds\' Glue job makes them', () => {
    const groups = collapseGroups([
      { groupId: 'glue-sales-1632836400', state: 'Empty', lag: 10 },
      { groupId: 'glue-sales-1632922800', state: 'Empty', lag: 4 },
      { groupId: 'connect-s3-sink', state: 'Stable', lag: 0 },
      { groupId: 'solo-1632922800', state: 'Empty', lag: 1 },
    ]);
    expect(groups.map((g) => [g.groupId, g.members, g.lag])).toEqual([['glue-sales-*', 2, 4], ['connect-s3-sink', 1, 0], ['solo-1632922800', 1, 1]]);
  });
});
