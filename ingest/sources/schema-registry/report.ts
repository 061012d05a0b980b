import { SourceReport } from '../../api/report.js';

export class SchemaRegistrySourceReport extends SourceReport {
  subjectsListed = 0;
  subjectsIngested = 0;
  subjectsClaimedByTopics = 0;
  versionsRead = 0;
  schemaVersionsEmitted = 0;
  malformedSchemas = 0;

  protected override extra(): Record<string, unknown> {
    return {
      ...super.extra(),
      subjects_listed: this.subjectsListed,
      subjects_ingested: this.subjectsIngested,
      subjects_claimed_by_topics: this.subjectsClaimedByTopics,
      versions_read: this.versionsRead,
      schema_versions_emitted: this.schemaVersionsEmitted,
      malformed_schemas: this.malformedSchemas,
    };
  }
}
