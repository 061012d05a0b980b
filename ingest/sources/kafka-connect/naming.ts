// Dataset URNs for lineage, built by each platform's own rule (docs/NAMING.md): Postgres tables as
// the postgres source names them, topics as the kafka source does, S3 folders by the s3 rule; other
// platforms as `datasetUrn(platform, name)`. The platform instance of a dataset comes from
// connect_to_platform_map (per connector), else platform_instance_map (per platform), as DataHub.
import { datasetUrn } from '../../../model/urn.js';
import { kafkaTopicUrn } from '../../common/naming/kafka.js';
import { PostgresNaming } from '../../common/naming/postgres.js';
import { s3DatasetUrn } from '../../common/naming/s3.js';
import type { KafkaConnectSourceConfig } from './config.js';
import type { DatasetRef } from './lineage/types.js';

export function platformInstanceFor(config: KafkaConnectSourceConfig, connector: string, platform: string): string | null {
  return config.connect_to_platform_map?.[connector]?.[platform] ?? config.platform_instance_map?.[platform] ?? null;
}

export function lineageDatasetUrn(config: KafkaConnectSourceConfig, connector: string, ref: DatasetRef): string {
  const instance = platformInstanceFor(config, connector, ref.platform);
  const lower = config.convert_lineage_urns_to_lowercase;
  const name = lower ? ref.name.toLowerCase() : ref.name;
  switch (ref.platform) {
    case 'postgres': {
      const t = ref.table;
      if (!t || t.schema === null) break;
      return new PostgresNaming({ env: config.env, platformInstance: instance, lowercase: lower }).datasetUrn(t.database, t.schema, t.table);
    }
    case 'kafka':
      return kafkaTopicUrn(name, config.env, instance);
    case 's3':
      return s3DatasetUrn(name, config.env, instance);
  }
  return datasetUrn(ref.platform, name, config.env, instance);
}
