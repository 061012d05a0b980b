// What a connector's config says about its data: edges from a dataset it reads to a dataset it
// writes. Datasets are named by platform and the owning platform's name parts; URNs are built
// from them by the owning platform's naming rule (../naming.ts), never here.
import type { ConnectorManifest } from '../client.js';

/** A dataset by platform and name; SQL tables keep their parts so the platform's rule can name them. */
export interface DatasetRef {
  platform: string;
  /** The dataset name without platform instance (`db.schema.table`, a topic, `bucket/path`). */
  name: string;
  /** For SQL platforms: database, schema (absent for two-level platforms) and table. */
  table?: { database: string; schema: string | null; table: string };
}

export interface ConnectLineage {
  /** null when the connector's input cannot be named (a JDBC query, an unknown source). */
  source: DatasetRef | null;
  target: DatasetRef;
  /** Per-edge facts for the job's customProperties. */
  properties?: Record<string, string>;
}

export interface ConnectorLineage {
  lineages: ConnectLineage[];
  /** Facts about the connector as a whole for the flow's customProperties (beside its config). */
  flowProperties: Record<string, string>;
}

export interface LineageContext {
  /** The connector's own active topics (from the topics API), empty when unknown. */
  ownTopics: readonly string[];
  /** Topics this run knows of: the connector's active topics and every source connector's output. */
  knownTopics: readonly string[];
  warning(title: string, message: string): void;
  info(title: string, message: string): void;
}

export type LineageExtractor = (connector: ConnectorManifest, ctx: LineageContext) => ConnectorLineage;

export function sqlTable(platform: string, database: string, schema: string | null, table: string): DatasetRef {
  const name = [database, schema, table].filter((p): p is string => Boolean(p)).join('.');
  return { platform, name, table: { database, schema, table } };
}

export const kafkaTopic = (topic: string): DatasetRef => ({ platform: 'kafka', name: topic });
