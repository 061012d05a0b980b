// DataHub schema field paths. v1 (SQL sources) is the plain dotted path: `col`, `struct.child`.
// v2 (docs/advanced/field-path-spec-v2.md) annotates every step with its type:
//   [version=2.0].[key=True].[type=Root].[type=T1]...[type=Tn].name.[type=U1]...[type=Um].child
// where the `[key=True]` token marks a field of a key schema (a Kafka message key, say). The
// simple path drops every `[...]` token: `name.child`.

export const FIELD_PATH_V2_VERSION_TOKEN = '[version=2.0]';
export const FIELD_PATH_V2_KEY_TOKEN = '[key=True]';

/** A v2 path's tokens: annotations (`[version=2.0]`, `[key=True]`, `[type=X]`) and field names. */
export type FieldPathToken =
  | { kind: 'version'; text: string }
  | { kind: 'key'; text: string }
  | { kind: 'type'; text: string; type: string }
  | { kind: 'field'; text: string };

export function isV2FieldPath(fieldPath: string): boolean {
  return fieldPath.startsWith(FIELD_PATH_V2_VERSION_TOKEN);
}

/** True for a v2 path of a key schema field (`[version=2.0].[key=True]...`). */
export function isKeySchemaFieldPath(fieldPath: string): boolean {
  return isV2FieldPath(fieldPath) && tokenizeFieldPath(fieldPath).some((t) => t.kind === 'key');
}

function typeToken(type: string): string {
  if (!type || /[[\]]/.test(type)) throw new Error(`invalid field path type "${type}"`);
  return `[type=${type}]`;
}

function checkName(name: string): string {
  if (!name || name.startsWith('[') || name.endsWith(']')) throw new Error(`invalid field name "${name}" in a v2 field path`);
  return name;
}

/**
 * The path prefix for a schema's root record: `[version=2.0].[type=E]`, or with the key token for
 * a key schema: `[version=2.0].[key=True].[type=E]`. Add fields with `childFieldPathV2`.
 */
export function rootFieldPathV2(rootType: string, options: { isKeySchema?: boolean } = {}): string {
  const tokens = [FIELD_PATH_V2_VERSION_TOKEN];
  if (options.isKeySchema) tokens.push(FIELD_PATH_V2_KEY_TOKEN);
  tokens.push(typeToken(rootType));
  return tokens.join('.');
}

/**
 * Appends one field under `parent` (a root from `rootFieldPathV2` or another field's path): its
 * type tokens, outermost first, then its name. E.g. an `array<array<Foo>> ar` field has types
 * `['array', 'array', 'Foo']`; a `map<long>` field `['map', 'long']`; a union member `['union', 'A']`.
 */
export function childFieldPathV2(parent: string, types: readonly string[], name: string): string {
  if (!isV2FieldPath(parent)) throw new Error(`not a v2 field path: ${parent}`);
  return [parent, ...types.map(typeToken), checkName(name)].join('.');
}

/**
 * Builds a whole v2 path from the root type and the chain of fields down to the one named:
 * `fieldPathV2('E', [{ name: 'a', types: ['string'] }])` -> `[version=2.0].[type=E].[type=string].a`.
 */
export function fieldPathV2(
  rootType: string,
  fields: ReadonlyArray<{ name: string; types: readonly string[] }>,
  options: { isKeySchema?: boolean } = {},
): string {
  return fields.reduce((path, field) => childFieldPathV2(path, field.types, field.name), rootFieldPathV2(rootType, options));
}

/** Splits a v2 path into tokens (the `[version=2.0]` token keeps its inner dot). */
export function tokenizeFieldPath(fieldPath: string): FieldPathToken[] {
  const tokens: FieldPathToken[] = [];
  let i = 0;
  while (i < fieldPath.length) {
    let text: string;
    if (fieldPath[i] === '[') {
      const close = fieldPath.indexOf(']', i);
      const end = close < 0 ? fieldPath.length : close + 1;
      text = fieldPath.slice(i, end);
      i = end;
    } else {
      const dot = fieldPath.indexOf('.', i);
      const end = dot < 0 ? fieldPath.length : dot;
      text = fieldPath.slice(i, end);
      i = end;
    }
    if (fieldPath[i] === '.') i++;
    if (text === FIELD_PATH_V2_VERSION_TOKEN) tokens.push({ kind: 'version', text });
    else if (text === FIELD_PATH_V2_KEY_TOKEN) tokens.push({ kind: 'key', text });
    else if (text.startsWith('[type=') && text.endsWith(']')) tokens.push({ kind: 'type', text, type: text.slice(6, -1) });
    else if (text.length > 0) tokens.push({ kind: 'field', text });
  }
  return tokens;
}

/**
 * The simple (v1-style) path: v2 annotation tokens dropped, as DataHub's
 * `get_simple_field_path_from_v2_field_path` does. v1 paths are returned unchanged.
 */
export function simpleFieldPath(fieldPath: string): string {
  if (!isV2FieldPath(fieldPath)) return fieldPath;
  return fieldPath
    .split('.')
    .filter((part) => !(part.startsWith('[') || part.endsWith(']')))
    .join('.');
}

/** The last field name of a path (`a.b.c` -> `c`; v2 `...[type=string].f` -> `f`). */
export function fieldName(fieldPath: string): string {
  const simple = simpleFieldPath(fieldPath);
  return simple.slice(simple.lastIndexOf('.') + 1);
}

/**
 * The path of the field this one is nested in, or null for a top-level field.
 * v1: `a.b.c` -> `a.b`. v2: the last field name and the type tokens leading to it are dropped,
 * `[version=2.0].[type=E].[type=Inner].rcd.[type=string].f` -> `[version=2.0].[type=E].[type=Inner].rcd`.
 */
export function parentFieldPath(fieldPath: string): string | null {
  if (!isV2FieldPath(fieldPath)) {
    const dot = fieldPath.lastIndexOf('.');
    return dot < 0 ? null : fieldPath.slice(0, dot);
  }
  const tokens = tokenizeFieldPath(fieldPath);
  let last = tokens.length - 1;
  while (last >= 0 && tokens[last]!.kind !== 'field') last--;
  let previous = last - 1;
  while (previous >= 0 && tokens[previous]!.kind !== 'field') previous--;
  if (previous < 0) return null;
  return tokens
    .slice(0, previous + 1)
    .map((t) => t.text)
    .join('.');
}
