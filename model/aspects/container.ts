// Containers and browse paths (container/Container.pdl, ContainerProperties.pdl,
// common/BrowsePaths.pdl, BrowsePathsV2.pdl).
import { z } from 'zod';
import { TimeStamp, customProperties, externalReference, fabricType, urn } from './common.js';

/** The immediate parent container. */
export const Container = z.looseObject({ container: urn('container') });
export type Container = z.infer<typeof Container>;

export const ContainerProperties = z.looseObject({
  ...customProperties,
  ...externalReference,
  name: z.string(),
  qualifiedName: z.string().optional(),
  description: z.string().optional(),
  env: fabricType.optional(),
  created: TimeStamp.optional(),
  lastModified: TimeStamp.optional(),
});
export type ContainerProperties = z.infer<typeof ContainerProperties>;

export const BrowsePathEntry = z.looseObject({ id: z.string(), urn: urn().optional() });
export type BrowsePathEntry = z.infer<typeof BrowsePathEntry>;

/** The path to an entity, the entity itself excluded. */
export const BrowsePathsV2 = z.looseObject({ path: z.array(BrowsePathEntry) });
export type BrowsePathsV2 = z.infer<typeof BrowsePathsV2>;

/** Legacy slash-separated browse paths, e.g. `/prod/postgres/mydb/public`. */
export const BrowsePaths = z.looseObject({ paths: z.array(z.string()) });
export type BrowsePaths = z.infer<typeof BrowsePaths>;
