// The library entry point: the pipeline wired to this catalog's store, plus the model.
import { Pipeline, type PipelineOptions } from './ingest/pipeline/pipeline.js';
import type { RecipeDocument } from './ingest/recipe/document.js';
import { connectCatalog } from './server/catalog-connection.js';

export { Pipeline } from './ingest/pipeline/pipeline.js';
export type { PipelineResult } from './ingest/pipeline/result.js';
export { ConfigError } from './ingest/recipe/errors.js';
export { openStore } from './server/store/open.js';
export * from './model/urn.js';
export * from './model/mcp.js';

/** `Pipeline.create` with the `catalog` sink able to open stores by URL. */
export function createPipeline(recipe: string | RecipeDocument | Record<string, unknown>, options: PipelineOptions = {}): Pipeline {
  return Pipeline.create(recipe, { connectCatalog, ...options });
}
