// The postgres naming rule lives in ingest/common/naming/postgres.ts, shared with the sources
// that draw lineage to Postgres tables (kafka-connect).
export * from '../../common/naming/postgres.js';
