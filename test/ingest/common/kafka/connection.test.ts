// The kafka connection block: DataHub's librdkafka-style consumer_config turned into kafkajs options.
import { describe, expect, it } from 'vitest';
import { kafkaClientConfig } from '../../../../ingest/common/kafka/connection.js';
import { kafkaSourceConfigSchema } from '../../../../ingest/sources/kafka/config.js';

const connection = (consumer_config: Record<string, unknown>) => kafkaSourceConfigSchema.parse({ connection: { bootstrap: 'b-1:9096, b-2:9096', consumer_config } }).connection;

describe('the kafka connection', () => {
  it('connects in plaintext to every broker of the bootstrap list by default', () => {
    const { config, notes } = kafkaClientConfig(connection({}), '.');
    expect(config.brokers).toEqual(['b-1:9096', 'b-2:9096']);
    expect(config.ssl).toBeUndefined();
    expect(config.sasl).toBeUndefined();
    expect(notes).toEqual([]);
  });

  it('maps SASL_SSL with SCRAM-SHA-512, as the seeds\' MSK cluster on port 9096, and registers the password as a secret', () => {
    const secrets: unknown[] = [];
    const { config } = kafkaClientConfig(
      connection({ 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.username': 'glue', 'sasl.password': 'pw-1' }),
      '.',
      (s) => secrets.push(s),
    );
    expect(config.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'glue', password: 'pw-1' });
    expect(config.ssl).toEqual({ rejectUnauthorized: true });
    expect(secrets).toContain('pw-1');
  });

  it('maps PLAIN and SCRAM-SHA-256 over SASL_PLAINTEXT', () => {
    expect(kafkaClientConfig(connection({ 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'PLAIN', 'sasl.username': 'u', 'sasl.password': 'p' }), '.').config.sasl)
      .toEqual({ mechanism: 'plain', username: 'u', password: 'p' });
    expect(kafkaClientConfig(connection({ 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'SCRAM-SHA-256', 'sasl.username': 'u', 'sasl.password': 'p' }), '.').config.sasl)
      .toMatchObject({ mechanism: 'scram-sha-256' });
  });

  it('says what is missing for SCRAM without credentials', () => {
    expect(() => kafkaClientConfig(connection({ 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'SCRAM-SHA-512' }), '.')).toThrow(
      'consumer_config sasl.mechanism SCRAM-SHA-512 needs sasl.username and sasl.password',
    );
  });

  it('accepts the seeds\' MSK IAM settings and says plainly that they cannot be used yet', () => {
    const conn = connection({
      'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'AWS_MSK_IAM', 'sasl.jaas.config': 'software.amazon.msk.auth.iam.IAMLoginModule required;',
      'sasl.client.callback.handler.class': 'software.amazon.msk.auth.iam.IAMClientCallbackHandler', 'ssl.truststore.location': '/tmp/kafka.client.truststore.jks',
    });
    expect(() => kafkaClientConfig(conn, '.')).toThrow(/AWS_MSK_IAM .* is accepted but this client cannot sign MSK IAM requests yet; use the cluster's SASL\/SCRAM listener/);
  });

  it('notes a JKS truststore it cannot read instead of failing', () => {
    const { notes, config } = kafkaClientConfig(connection({ 'security.protocol': 'SSL', 'ssl.truststore.location': '/tmp/kafka.client.truststore.jks' }), '.');
    expect(config.ssl).toEqual({ rejectUnauthorized: true });
    expect(notes.map((n) => n.title)).toEqual(['JKS truststore not used']);
  });
});
