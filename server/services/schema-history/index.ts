// Schema history: the timeline of a dataset's schema versions with diffs and breaking-change flags.
import type { MetadataService } from '../metadata-service.js';
import { schemaTimeline, type SchemaTimeline } from './schema-timeline.js';

export { schemaTimeline, COMPATIBILITY_PROPERTY, type SchemaTimeline, type TimelineVersion, type TimelineChange } from './schema-timeline.js';
export { diffSchemas, schemaFields, type FieldChange } from './schema-diff.js';
export { breakingReasons, compatibilityRule } from './compatibility.js';

/** The timeline of one dataset, read through the metadata service (which guards the read). */
export async function datasetSchemaTimeline(metadata: MetadataService, urn: string, compatibility?: string | null): Promise<SchemaTimeline> {
  const versions = await metadata.getAspectVersions(urn, 'schemaMetadata');
  const props = (await metadata.getAspect(urn, 'datasetProperties'))?.value?.customProperties as Record<string, string> | undefined;
  return schemaTimeline(versions, props ?? {}, compatibility);
}
