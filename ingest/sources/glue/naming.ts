// The glue naming rule (docs/NAMING.md): dataset `database.table` (lower case, as Glue stores
// names) on the `glue` (or `athena`) platform, prefixed by the platform instance; database
// containers keyed as DataHub's DatabaseKey with backcompat_env_as_instance (the env stands in
// for a missing platform instance in the GUID); Glue jobs as dataFlow `(glue, <JobName>, <env>)`.
import { containerUrnForKey, dataFlowUrn, dataJobUrn, dataPlatformInstanceUrn, datasetUrn } from '../../../model/urn.js';

export class GlueNaming {
  constructor(readonly options: { platform: string; env: string; platformInstance: string | null }) {}

  get platform(): string {
    return this.options.platform;
  }

  datasetUrn(database: string, table: string): string {
    return datasetUrn(this.platform, `${database}.${table}`.toLowerCase(), this.options.env, this.options.platformInstance);
  }

  databaseContainerUrn(database: string): string {
    return containerUrnForKey({ platform: this.platform, instance: this.options.platformInstance ?? this.options.env, database });
  }

  platformInstanceUrn(): string | null {
    return this.options.platformInstance ? dataPlatformInstanceUrn(this.platform, this.options.platformInstance) : null;
  }

  flowUrn(jobName: string): string {
    return dataFlowUrn('glue', jobName, this.options.env, this.options.platformInstance);
  }

  jobUrn(jobName: string, nodeId: string): string {
    return dataJobUrn(this.flowUrn(jobName), nodeId);
  }
}
