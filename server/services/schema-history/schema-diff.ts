// The field-level difference between two schemaMetadata values: fields added, removed, type
// changed, nullability changed, description changed. Fields are matched by their simple path
// (v2 type tokens dropped, so `[type=int].a` -> `[type=long].a` is one field whose type changed),
// with key-schema fields kept apart from value fields; where a simple path is ambiguous inside
// one schema (union members), the full path is used.
import { isKeySchemaFieldPath, isV2FieldPath, simpleFieldPath } from '../../../model/field-path.js';

type Json = Record<string, any>;

export const FIELD_CHANGE_KINDS = ['ADDED', 'REMOVED', 'TYPE_CHANGED', 'NULLABILITY_CHANGED', 'DESCRIPTION_CHANGED'] as const;
export type FieldChangeKind = (typeof FIELD_CHANGE_KINDS)[number];

/** What the compatibility rules need to know about one field. */
export interface FieldInfo {
  fieldPath: string;
  /** The match key: simple path (with a `key:` prefix for key-schema fields), or the full path when ambiguous. */
  key: string;
  nativeDataType: string | null;
  /** `NumberType`, `StringType`, ... */
  typeClass: string | null;
  nullable: boolean;
  /** The field declares a default (Avro `default`, kept in jsonProps by the converters). */
  hasDefault: boolean;
  /** The key of the field this one is nested in, or null at the top. */
  parentKey: string | null;
}

export interface FieldChange {
  fieldPath: string;
  change: FieldChangeKind;
  before: string | null;
  after: string | null;
  /** The field as it was (REMOVED, *_CHANGED) and as it is (ADDED, *_CHANGED). */
  old?: FieldInfo;
  new?: FieldInfo;
}

function typeClassOf(field: Json): string | null {
  const key = Object.keys(field.type?.type ?? {})[0];
  return key ? key.split('.').pop()! : null;
}

function hasDefault(field: Json): boolean {
  if (typeof field.jsonProps !== 'string') return false;
  try {
    const props = JSON.parse(field.jsonProps) as Json;
    return props !== null && typeof props === 'object' && 'default' in props;
  } catch {
    return false;
  }
}

function simpleKey(fieldPath: string): string {
  if (!isV2FieldPath(fieldPath)) return fieldPath;
  return `${isKeySchemaFieldPath(fieldPath) ? 'key:' : ''}${simpleFieldPath(fieldPath)}`;
}

/** The fields of a schemaMetadata value, keyed for matching. */
export function schemaFields(schema: Json | null): Map<string, FieldInfo> {
  const fields = ((schema?.fields ?? []) as Json[]).filter((f) => typeof f?.fieldPath === 'string');
  const counts = new Map<string, number>();
  for (const f of fields) counts.set(simpleKey(f.fieldPath), (counts.get(simpleKey(f.fieldPath)) ?? 0) + 1);
  const out = new Map<string, FieldInfo>();
  for (const f of fields) {
    const simple = simpleKey(f.fieldPath);
    const key = counts.get(simple)! > 1 ? f.fieldPath : simple;
    const dot = simple.lastIndexOf('.');
    out.set(key, {
      fieldPath: f.fieldPath,
      key,
      nativeDataType: f.nativeDataType ?? null,
      typeClass: typeClassOf(f),
      nullable: Boolean(f.nullable),
      hasDefault: hasDefault(f),
      parentKey: dot > 0 && simple === key ? simple.slice(0, dot) : null,
    });
  }
  return out;
}

/** The changes from `before` (null for the first version) to `after`, in the order of `after`'s fields, removals last. */
export function diffSchemas(before: Json | null, after: Json): FieldChange[] {
  const b = schemaFields(before);
  const a = schemaFields(after);
  const out: FieldChange[] = [];
  for (const [key, f] of a) {
    const old = b.get(key);
    if (!old) {
      out.push({ fieldPath: f.fieldPath, change: 'ADDED', before: null, after: f.nativeDataType, new: f });
      continue;
    }
    if (old.nativeDataType !== f.nativeDataType || old.typeClass !== f.typeClass) {
      const show = (x: FieldInfo) => (old.nativeDataType !== f.nativeDataType ? x.nativeDataType : x.typeClass);
      out.push({ fieldPath: f.fieldPath, change: 'TYPE_CHANGED', before: show(old), after: show(f), old, new: f });
    }
    if (old.nullable !== f.nullable) out.push({ fieldPath: f.fieldPath, change: 'NULLABILITY_CHANGED', before: String(old.nullable), after: String(f.nullable), old, new: f });
  }
  for (const [key, f] of b) if (!a.has(key)) out.push({ fieldPath: f.fieldPath, change: 'REMOVED', before: f.nativeDataType, after: null, old: f });
  return out;
}

/** Description changes, kept apart because they never break anything (and the hash ignores them). */
export function diffDescriptions(before: Json | null, after: Json): FieldChange[] {
  if (!before) return [];
  const descriptions = (s: Json) => new Map<string, { path: string; d: string | null }>(((s.fields ?? []) as Json[]).map((f) => [simpleKey(f.fieldPath), { path: f.fieldPath, d: f.description ?? null }]));
  const b = descriptions(before);
  const out: FieldChange[] = [];
  for (const [key, { path, d }] of descriptions(after)) {
    const old = b.get(key);
    if (old && old.d !== d) out.push({ fieldPath: path, change: 'DESCRIPTION_CHANGED', before: old.d, after: d });
  }
  return out;
}
