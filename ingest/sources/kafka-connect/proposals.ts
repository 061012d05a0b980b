// DataHub's shapes for a connector: one dataFlow `(kafka-connect,<connector>,<env>)` with
// dataFlowInfo (description "<Source|Sink> connector using `<class>` plugin.", the config minus
// secrets as customProperties), and one dataJob per lineage edge: id = the input dataset's name
// (`<input>.<output>` when one input feeds several outputs, `unknown_source.<output>` when the input
// is not known), dataJobInfo (name `<connector>:<id>`, type COMMAND) and dataJobInputOutput.
import { makeMcp, type MetadataChangeProposal } from '../../../model/mcp.js';
import { dataFlowUrn, dataJobUrn, dataPlatformInstanceUrn } from '../../../model/urn.js';
import type { ConnectorManifest } from './client.js';
import type { KafkaConnectSourceConfig } from './config.js';
import type { ConnectLineage } from './lineage/index.js';
import { lineageDatasetUrn } from './naming.js';
import { isSensitiveKey } from './provided-configs.js';

export const PLATFORM = 'kafka-connect';

export interface ConnectorJob {
  urn: string;
  inputs: string[];
  outputs: string[];
}

export function flowUrnOf(config: KafkaConnectSourceConfig, connector: string): string {
  return dataFlowUrn(PLATFORM, connector, config.env, config.platform_instance);
}

export function flowProposals(
  config: KafkaConnectSourceConfig,
  connector: ConnectorManifest,
  extra: Record<string, string>,
): MetadataChangeProposal[] {
  const urn = flowUrnOf(config, connector.name);
  const customProperties: Record<string, string> = {};
  for (const [k, v] of Object.entries(connector.config)) if (!isSensitiveKey(k)) customProperties[k] = v;
  if (config.cluster_name) customProperties['connect.cluster'] = config.cluster_name;
  if (connector.state) customProperties['connector.state'] = connector.state;
  if (connector.taskStates.length) customProperties['connector.task_states'] = connector.taskStates.join(',');
  Object.assign(customProperties, extra);
  const kind = connector.type.charAt(0).toUpperCase() + connector.type.slice(1);
  const out = [
    makeMcp(urn, 'dataFlowInfo', {
      name: connector.name,
      description: `${kind} connector using \`${connector.config['connector.class'] ?? 'unknown'}\` plugin.`,
      customProperties,
      env: config.env,
    }),
  ];
  if (config.platform_instance) {
    out.push(makeMcp(urn, 'dataPlatformInstance', { platform: `urn:li:dataPlatform:${PLATFORM}`, instance: dataPlatformInstanceUrn(PLATFORM, config.platform_instance) }));
  }
  return out;
}

export function jobProposals(
  config: KafkaConnectSourceConfig,
  connector: ConnectorManifest,
  lineages: ConnectLineage[],
): { proposals: MetadataChangeProposal[]; jobs: ConnectorJob[] } {
  const flow = flowUrnOf(config, connector.name);
  const perSource = new Map<string, number>();
  for (const l of lineages) if (l.source) perSource.set(l.source.name, (perSource.get(l.source.name) ?? 0) + 1);
  const proposals: MetadataChangeProposal[] = [];
  const jobs: ConnectorJob[] = [];
  for (const l of lineages) {
    const jobId = !l.source ? `unknown_source.${l.target.name}` : perSource.get(l.source.name)! > 1 ? `${l.source.name}.${l.target.name}` : l.source.name;
    const urn = dataJobUrn(flow, jobId);
    const inputs = l.source ? [lineageDatasetUrn(config, connector.name, l.source)] : [];
    const outputs = [lineageDatasetUrn(config, connector.name, l.target)];
    proposals.push(
      makeMcp(urn, 'dataJobInfo', { name: `${connector.name}:${jobId}`, type: { string: 'COMMAND' }, flowUrn: flow, customProperties: l.properties ?? {}, env: config.env }),
      makeMcp(urn, 'dataJobInputOutput', { inputDatasets: inputs, outputDatasets: outputs }),
    );
    jobs.push({ urn, inputs, outputs });
  }
  return { proposals, jobs };
}
