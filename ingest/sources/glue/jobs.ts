// Glue jobs as a dataFlow (the job) with one dataJob (its run), and the job's inputs and outputs
// where the job definition names them:
//   - visual (Glue Studio) jobs: CodeGenConfigurationNodes, `*Source` nodes are inputs and
//     `*Target` nodes outputs; `Database` + `Table` name a Glue table, `Path` / `Paths` an S3
//     location (a Hudi target's path is the Hudi table's base path);
//   - script jobs: DefaultArguments whose value is an s3:// path, an input when the argument's
//     name says so (`--source_path`, `--input`, `--src_...`) and an output when it says
//     `target`, `output`, `dest` or `sink`. A script's own logic is not parsed.
// DataHub instead asks Glue for the script's dataflow graph (GetDataflowGraph) and makes one
// dataJob per graph node; moto does not implement that call.
import type { Job } from '@aws-sdk/client-glue';
import { makeMcp, type MetadataChangeProposal } from '../../../model/mcp.js';
import { hudiDatasetUrn, isS3Uri, s3DatasetUrn } from '../../common/naming/lake.js';
import type { GlueSourceConfig } from './config.js';
import type { GlueNaming } from './naming.js';

export interface JobLineage {
  inputs: string[];
  outputs: string[];
}

const INPUT_ARG = /(source|input|src|from|read)/i;
const OUTPUT_ARG = /(target|output|dest|sink|write)/i;

export function jobLineage(job: Job, naming: GlueNaming, config: GlueSourceConfig): JobLineage {
  const inputs = new Set<string>();
  const outputs = new Set<string>();
  const s3 = { env: config.env };
  const hudi = { env: config.env, platformInstance: config.hudi_platform_instance };
  for (const node of Object.values(job.CodeGenConfigurationNodes ?? {})) {
    for (const [kind, body] of Object.entries(node as Record<string, unknown>)) {
      if (!body || typeof body !== 'object') continue;
      const b = body as { Database?: string; Table?: string; Path?: string; Paths?: string[] };
      const side = /Source$/.test(kind) ? inputs : /Target$/.test(kind) ? outputs : null;
      if (!side) continue;
      if (b.Database && b.Table) side.add(naming.datasetUrn(b.Database, b.Table));
      const paths = [...(b.Paths ?? []), ...(b.Path ? [b.Path] : [])].filter(isS3Uri);
      for (const p of paths) side.add(/Hudi/.test(kind) ? hudiDatasetUrn(p, hudi) : s3DatasetUrn(p, s3));
    }
  }
  for (const [arg, value] of Object.entries(job.DefaultArguments ?? {})) {
    if (!isS3Uri(value) || arg.startsWith('--TempDir') || /script|extra-|spark-event|temp/i.test(arg)) continue;
    if (OUTPUT_ARG.test(arg)) outputs.add(s3DatasetUrn(value, s3));
    else if (INPUT_ARG.test(arg)) inputs.add(s3DatasetUrn(value, s3));
  }
  return { inputs: [...inputs].sort(), outputs: [...outputs].sort() };
}

export function jobMcps(job: Job, naming: GlueNaming, config: GlueSourceConfig): { lineage: JobLineage; mcps: MetadataChangeProposal[] } {
  const name = job.Name!;
  const flow = naming.flowUrn(name);
  const dataJob = naming.jobUrn(name, name);
  const custom: Record<string, string> = {};
  const set = (k: string, v: unknown) => {
    if (v !== undefined && v !== null && v !== '') custom[k] = String(v);
  };
  set('command', job.Command?.Name);
  set('script_location', job.Command?.ScriptLocation);
  set('glue_version', job.GlueVersion);
  set('role', job.Role);
  set('worker_type', job.WorkerType);
  set('number_of_workers', job.NumberOfWorkers);
  set('max_retries', job.MaxRetries);
  for (const [k, v] of Object.entries(job.DefaultArguments ?? {})) set(`argument.${k}`, v);
  const flowInfo: Record<string, unknown> = { name, customProperties: custom, env: config.env };
  if (job.Description) flowInfo.description = job.Description;
  if (job.CreatedOn) flowInfo.created = { time: job.CreatedOn.getTime() };
  if (job.LastModifiedOn) flowInfo.lastModified = { time: job.LastModifiedOn.getTime() };
  const lineage = jobLineage(job, naming, config);
  const mcps = [
    makeMcp(flow, 'dataFlowInfo', flowInfo),
    makeMcp(flow, 'status', { removed: false }),
    makeMcp(dataJob, 'dataJobInfo', { name, type: { 'com.linkedin.datajob.azkaban.AzkabanJobType': 'GLUE' }, flowUrn: flow, customProperties: custom, env: config.env }),
    makeMcp(dataJob, 'status', { removed: false }),
    makeMcp(dataJob, 'dataJobInputOutput', { inputDatasets: lineage.inputs, outputDatasets: lineage.outputs }),
  ];
  return { lineage, mcps };
}
