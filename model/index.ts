// The metadata model's public API: URNs, MCP/MCL (and legacy MCE), JSON-patch, aspect schemas
// and types, the aspect registry, and field path helpers.
export * from './urn.js';
export * from './mcp.js';
export * from './mce.js';
export * from './patch.js';
export * from './field-path.js';

// Shared records. `AuditStamp` here is the validated schema and its type (same shape as the
// interface in mcp.ts, which it supersedes in this index).
export {
  AuditStamp,
  TimeStamp,
  MetadataAttribution,
  Edge,
  TimeWindowSize,
  PartitionSpec,
  TIME_UNITS,
  PARTITION_TYPES,
} from './aspects/common.js';
export * from './aspects/container.js';
export * from './aspects/dataset.js';
export * from './aspects/domain.js';
export * from './aspects/entity-common.js';
export * from './aspects/glossary.js';
export * from './aspects/identity.js';
export * from './aspects/job.js';
export * from './aspects/keys.js';
export * from './aspects/lineage.js';
export * from './aspects/ownership.js';
export * from './aspects/profile.js';
export * from './aspects/schema.js';
export * from './aspects/tags-terms.js';
export * from './aspects/registry.js';
