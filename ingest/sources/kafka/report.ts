import { SourceReport } from '../../api/report.js';

export class KafkaSourceReport extends SourceReport {
  topicsScanned = 0;
  topicsWithSchema = 0;
  schemaVersionsEmitted = 0;
  malformedSchemas = 0;
  consumerGroups = 0;

  protected override extra(): Record<string, unknown> {
    return {
      ...super.extra(),
      topics_scanned: this.topicsScanned,
      topics_with_schema: this.topicsWithSchema,
      schema_versions_emitted: this.schemaVersionsEmitted,
      malformed_schemas: this.malformedSchemas,
      consumer_groups: this.consumerGroups,
    };
  }
}
