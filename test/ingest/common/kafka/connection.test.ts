// The kafka connection block: DataHub's librdkafka-style consumer_config turned into kafkajs options.
import { describe, expect, it } from 'vitest';
import { kafkaClientConfig, mskRegion } from '../../../../ingest/common/kafka/connection.js';
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

  it('passes the seeds\' MSK IAM settings on: a SigV4 mechanism for the region of the MSK bootstrap host', async () => {
    const conn = kafkaSourceConfigSchema.parse({
      connection: {
        bootstrap: 'b-1.demo.abc123.c2.kafka.eu-west-1.amazonaws.com:9098,b-2.demo.abc123.c2.kafka.eu-west-1.amazonaws.com:9098',
        consumer_config: {
          'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'AWS_MSK_IAM', 'sasl.jaas.config': 'software.amazon.msk.auth.iam.IAMLoginModule required;',
          'sasl.client.callback.handler.class': 'software.amazon.msk.auth.iam.IAMClientCallbackHandler', 'ssl.truststore.location': '/tmp/kafka.client.truststore.jks',
        },
      },
    }).connection;
    expect(mskRegion(conn.bootstrap.split(','))).toBe('eu-west-1');
    const { config } = kafkaClientConfig(conn, '.');
    const sasl = config.sasl as unknown as { mechanism: string; authenticationProvider: unknown };
    expect(sasl.mechanism).toBe('AWS_MSK_IAM');
    expect(typeof sasl.authenticationProvider).toBe('function');
    expect(config.ssl).toMatchObject({ rejectUnauthorized: true });
  });

  it('says where the region comes from when MSK IAM is asked for outside MSK and no AWS_REGION is set', () => {
    const saved = [process.env.AWS_REGION, process.env.AWS_DEFAULT_REGION];
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    try {
      expect(() => kafkaClientConfig(connection({ 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'AWS_MSK_IAM' }), '.')).toThrow(/AWS_MSK_IAM needs the AWS region/);
    } finally {
      if (saved[0] !== undefined) process.env.AWS_REGION = saved[0];
      if (saved[1] !== undefined) process.env.AWS_DEFAULT_REGION = saved[1];
    }
  });

  it('notes a JKS truststore it cannot read instead of failing', () => {
    const { notes, config } = kafkaClientConfig(connection({ 'security.protocol': 'SSL', 'ssl.truststore.location': '/tmp/kafka.client.truststore.jks' }), '.');
    expect(config.ssl).toEqual({ rejectUnauthorized: true });
    expect(notes.map((n) => n.title)).toEqual(['JKS truststore not used']);
  });
});
