// The Kafka connection block DataHub's kafka source takes (`connection: {bootstrap, client_id,
// consumer_config, client_timeout_seconds, ...}`), turned into kafkajs options. `consumer_config`
// keeps librdkafka's key names as DataHub recipes write them: security.protocol, sasl.mechanism
// (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, AWS_MSK_IAM, OAUTHBEARER), sasl.username/password,
// ssl.ca/certificate/key locations. The MSK IAM settings the seeds use (sasl.jaas.config,
// sasl.client.callback.handler.class, ssl.truststore.location) are accepted and passed on: MSK IAM
// signs with SigV4 through @jm18457/kafkajs-msk-iam-authentication-mechanism, with the AWS
// credential chain (or the JAAS config's awsProfileName) and the region of the MSK bootstrap host.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createMechanism } from '@jm18457/kafkajs-msk-iam-authentication-mechanism';
import { fromIni } from '@aws-sdk/credential-providers';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { z } from 'zod';
import { secretString } from '../../api/config.js';

export const consumerConfigSchema = z
  .strictObject({
    'security.protocol': z.enum(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']).default('PLAINTEXT').describe('librdkafka security.protocol'),
    'sasl.mechanism': z
      .enum(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'AWS_MSK_IAM', 'OAUTHBEARER'])
      .nullable()
      .default(null)
      .describe('SASL mechanism (SASL_* protocols)'),
    'sasl.username': z.string().nullable().default(null).describe('SASL user (PLAIN, SCRAM)'),
    'sasl.password': secretString().nullable().default(null).describe('SASL password (PLAIN, SCRAM)'),
    'sasl.jaas.config': secretString().nullable().default(null).describe('MSK IAM: JAAS config as the seeds write it (an awsProfileName in it picks the AWS profile)'),
    'sasl.client.callback.handler.class': z.string().nullable().default(null).describe('MSK IAM: callback handler class, accepted as the seeds write it'),
    'sasl.oauthbearer.token': secretString().nullable().default(null).describe('OAUTHBEARER: a ready token (refreshing providers are not supported)'),
    'ssl.ca.location': z.string().nullable().default(null).describe('PEM file of the CA certificates to trust (default: the system CAs)'),
    'ssl.certificate.location': z.string().nullable().default(null).describe('PEM client certificate (mutual TLS)'),
    'ssl.key.location': z.string().nullable().default(null).describe('PEM client key (mutual TLS)'),
    'ssl.key.password': secretString().nullable().default(null).describe('Password of the client key'),
    'ssl.truststore.location': z.string().nullable().default(null).describe('A JKS truststore (Java clients); not readable here: give ssl.ca.location, else the system CAs are used'),
    'enable.ssl.certificate.verification': z.boolean().default(true).describe('Verify the brokers\' certificates'),
    'group.id': z.string().nullable().default(null).describe('Accepted for DataHub recipes; the catalog reads metadata only and joins no group'),
    'session.timeout.ms': z.number().int().positive().nullable().default(null).describe('Accepted for DataHub recipes; not used'),
  })
  .default({
    'security.protocol': 'PLAINTEXT', 'sasl.mechanism': null, 'sasl.username': null, 'sasl.password': null, 'sasl.jaas.config': null,
    'sasl.client.callback.handler.class': null, 'sasl.oauthbearer.token': null, 'ssl.ca.location': null, 'ssl.certificate.location': null,
    'ssl.key.location': null, 'ssl.key.password': null, 'ssl.truststore.location': null, 'enable.ssl.certificate.verification': true,
    'group.id': null, 'session.timeout.ms': null,
  })
  .describe('Client settings with librdkafka key names, as DataHub passes them to its consumer');

export type ConsumerConfig = z.infer<typeof consumerConfigSchema>;

export const kafkaBrokerConnectionShape = {
  bootstrap: z.string().min(1).default('localhost:9092').describe('Comma-separated host:port list of brokers'),
  client_id: z.string().default('catalog').describe('Kafka client id'),
  consumer_config: consumerConfigSchema,
  client_timeout_seconds: z.number().positive().default(60).describe('Timeout of one request to the brokers'),
};

export interface KafkaBrokerConnection {
  bootstrap: string;
  client_id: string;
  consumer_config: ConsumerConfig;
  client_timeout_seconds: number;
}

/** A setting kafkajs cannot act on: the connection is attempted without it, and the report says so. */
export interface ConnectionNote {
  title: string;
  message: string;
}

/**
 * kafkajs options for the connection, plus notes about settings it cannot honour. Paths resolve
 * against `baseDir` (the recipe's folder). Secrets go to `registerSecret` before anything is used.
 */
export function kafkaClientConfig(
  conn: KafkaBrokerConnection,
  baseDir: string,
  registerSecret: (v: unknown) => void = () => {},
): { config: KafkaConfig; notes: ConnectionNote[] } {
  const c = conn.consumer_config;
  for (const s of [c['sasl.password'], c['sasl.jaas.config'], c['sasl.oauthbearer.token'], c['ssl.key.password']]) registerSecret(s);
  const notes: ConnectionNote[] = [];
  const protocol = c['security.protocol'];
  const file = (p: string) => readFileSync(path.resolve(baseDir, p), 'utf8');
  const config: KafkaConfig = {
    clientId: conn.client_id,
    brokers: conn.bootstrap.split(',').map((b) => b.trim()).filter(Boolean),
    connectionTimeout: Math.min(conn.client_timeout_seconds * 1000, 30_000),
    requestTimeout: conn.client_timeout_seconds * 1000,
  };
  if (protocol === 'SSL' || protocol === 'SASL_SSL') {
    const ssl: Record<string, unknown> = { rejectUnauthorized: c['enable.ssl.certificate.verification'] };
    if (c['ssl.ca.location']) ssl.ca = [file(c['ssl.ca.location'])];
    if (c['ssl.certificate.location']) ssl.cert = file(c['ssl.certificate.location']);
    if (c['ssl.key.location']) ssl.key = file(c['ssl.key.location']);
    if (c['ssl.key.password']) ssl.passphrase = c['ssl.key.password'];
    if (c['ssl.truststore.location'] && !c['ssl.ca.location']) {
      notes.push({ title: 'JKS truststore not used', message: `ssl.truststore.location ${c['ssl.truststore.location']} is a Java keystore; the system CAs are trusted instead (give ssl.ca.location with a PEM file to trust others)` });
    }
    config.ssl = ssl;
  }
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') {
    const mechanism = c['sasl.mechanism'] ?? 'PLAIN';
    let sasl: SASLOptions | null = null;
    switch (mechanism) {
      case 'PLAIN':
        sasl = { mechanism: 'plain', username: c['sasl.username'] ?? '', password: c['sasl.password'] ?? '' };
        break;
      case 'SCRAM-SHA-256':
        sasl = { mechanism: 'scram-sha-256', username: c['sasl.username'] ?? '', password: c['sasl.password'] ?? '' };
        break;
      case 'SCRAM-SHA-512':
        sasl = { mechanism: 'scram-sha-512', username: c['sasl.username'] ?? '', password: c['sasl.password'] ?? '' };
        break;
      case 'OAUTHBEARER': {
        const token = c['sasl.oauthbearer.token'];
        if (!token) throw new Error('consumer_config sasl.mechanism OAUTHBEARER needs sasl.oauthbearer.token');
        sasl = { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: token }) };
        break;
      }
      case 'AWS_MSK_IAM': {
        const region = mskRegion(config.brokers as string[]) ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
        if (!region) {
          throw new Error('consumer_config sasl.mechanism AWS_MSK_IAM needs the AWS region: an MSK bootstrap host (b-1.<cluster>.kafka.<region>.amazonaws.com:9098) or AWS_REGION');
        }
        // the Java client's JAAS line may name a profile: IAMLoginModule required awsProfileName="p";
        const profile = /awsProfileName\s*=\s*"([^"]+)"/.exec(c['sasl.jaas.config'] ?? '')?.[1];
        sasl = createMechanism({ region, ...(profile ? { credentials: fromIni({ profile }) } : {}) }) as unknown as SASLOptions;
        break;
      }
    }
    if ((mechanism === 'PLAIN' || mechanism.startsWith('SCRAM')) && (!c['sasl.username'] || !c['sasl.password'])) {
      throw new Error(`consumer_config sasl.mechanism ${mechanism} needs sasl.username and sasl.password`);
    }
    if (sasl) config.sasl = sasl;
  }
  return { config, notes };
}

/** The region of an MSK bootstrap host (`b-1.demo.abc123.c2.kafka.us-east-1.amazonaws.com:9098`), if one is. */
export function mskRegion(brokers: string[]): string | null {
  for (const b of brokers) {
    const m = /\.kafka(?:-serverless)?\.([a-z0-9-]+)\.amazonaws\.com(?::\d+)?$/.exec(b);
    if (m) return m[1]!;
  }
  return null;
}
