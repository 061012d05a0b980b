// Building blocks shared by every aspect family: typed URN strings, Pegasus primitives, the
// shared records (AuditStamp, TimeStamp, ...) and Pegasus unions as single-key objects.
//
// Every record is a *loose* object: fields we do not know (added by newer DataHub versions) are
// kept. Nothing here declares defaults: DataHub fields with a PDL default are optional here, and
// validation never fills them in.
import { z } from 'zod';
import { FABRIC_TYPES, parseUrn } from '../urn.js';

/** Any URN (`urn:li:<entityType>:<id>`), optionally restricted to some entity types. */
export function urn(...entityTypes: string[]) {
  const what = entityTypes.length === 0 ? 'a URN' : `a ${entityTypes.join(' or ')} URN`;
  return z.string().superRefine((value, ctx) => {
    let entityType: string;
    try {
      entityType = parseUrn(value).entityType;
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `expected ${what}: ${(e as Error).message}` });
      return;
    }
    if (entityTypes.length > 0 && !entityTypes.includes(entityType)) {
      ctx.addIssue({ code: 'custom', message: `expected ${what}, got a ${entityType} URN "${value}"` });
    }
  });
}

/** Pegasus `long`/`int`: a JSON integer. Values past 2^53 are accepted (JSON.parse already rounded them). */
export const long = z.number().refine(Number.isInteger, { message: 'expected an integer' });
/** Pegasus `float`/`double`. */
export const float = z.number();
/** Pegasus `map<string, string>`. */
export const stringMap = z.record(z.string(), z.string());
export const fabricType = z.enum(FABRIC_TYPES);

/**
 * A Pegasus union in JSON: an object with exactly one key, the member's name (for records the
 * fully-qualified name, e.g. `com.linkedin.schema.StringType`; for primitives `string`, `long`...).
 */
export function union<M extends Record<string, z.ZodType>>(members: M) {
  const names = Object.keys(members);
  return z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const keys = Object.keys(value);
    if (keys.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `expected a union with exactly one member of ${names.join(', ')}; got ${keys.length} keys` });
      return;
    }
    const key = keys[0]!;
    const member = members[key];
    if (!member) {
      ctx.addIssue({ code: 'custom', path: [key], message: `unknown union member; expected one of ${names.join(', ')}` });
      return;
    }
    const result = member.safeParse(value[key]);
    if (!result.success) {
      for (const issue of result.error.issues) {
        ctx.addIssue({ code: 'custom', path: [key, ...issue.path.map(asPathKey)], message: issue.message });
      }
    }
  }) as unknown as z.ZodType<UnionOf<M>>;
}

function asPathKey(key: PropertyKey): string | number {
  return typeof key === 'symbol' ? String(key) : key;
}

/** `{ "member-name": value }` for exactly one member. */
export type UnionOf<M extends Record<string, z.ZodType>> = {
  [K in keyof M]: { [P in K]: z.infer<M[K]> };
}[keyof M];

/** A record with no declared fields (e.g. `com.linkedin.schema.StringType: {}`); unknown keys kept. */
export const emptyRecord = z.looseObject({});

// ---------------------------------------------------------------------------------------------
// Shared records (li-utils common/*.pdl)

export const AuditStamp = z.looseObject({
  time: long,
  actor: urn(),
  impersonator: urn().optional(),
  message: z.string().optional(),
});
export type AuditStamp = z.infer<typeof AuditStamp>;

export const TimeStamp = z.looseObject({ time: long, actor: urn().optional() });
export type TimeStamp = z.infer<typeof TimeStamp>;

/** ChangeAuditStamps: `created` and `lastModified` default to the unknown actor at time 0. */
export const changeAuditStamps = {
  created: AuditStamp.optional(),
  lastModified: AuditStamp.optional(),
  deleted: AuditStamp.optional(),
};

export const MetadataAttribution = z.looseObject({
  time: long,
  actor: urn(),
  source: urn().optional(),
  sourceDetail: stringMap.optional(),
});
export type MetadataAttribution = z.infer<typeof MetadataAttribution>;

/** CustomProperties (`customProperties` defaults to `{}`) and ExternalReference. */
export const customProperties = { customProperties: stringMap.optional() };
export const externalReference = { externalUrl: z.string().optional() };

/** Edge (common/Edge.pdl), used by dataJobInputOutput and other edge lists. */
export const Edge = z.looseObject({
  sourceUrn: urn().optional(),
  destinationUrn: urn(),
  created: AuditStamp.optional(),
  lastModified: AuditStamp.optional(),
  properties: stringMap.optional(),
});
export type Edge = z.infer<typeof Edge>;

// ---------------------------------------------------------------------------------------------
// Timeseries base (timeseries/*.pdl)

export const TIME_UNITS = ['SECOND', 'MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export const TimeWindowSize = z.looseObject({ unit: z.enum(TIME_UNITS), multiple: long.optional() });
export type TimeWindowSize = z.infer<typeof TimeWindowSize>;

export const PARTITION_TYPES = ['FULL_TABLE', 'QUERY', 'PARTITION'] as const;
export const PartitionSpec = z.looseObject({
  partition: z.string(),
  timePartition: z.looseObject({ startTimeMillis: long, length: TimeWindowSize }).optional(),
  type: z.enum(PARTITION_TYPES).optional(),
});
export type PartitionSpec = z.infer<typeof PartitionSpec>;

/** Fields every timeseries aspect carries (TimeseriesAspectBase). */
export const timeseriesAspectBase = {
  timestampMillis: long,
  eventGranularity: TimeWindowSize.optional(),
  partitionSpec: PartitionSpec.optional(),
  messageId: z.string().optional(),
};
