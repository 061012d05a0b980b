// Single message transforms (SMTs) as far as lineage cares: the ones that rename topics
// (RegexRouter, Debezium's ByLogicalTableRouter / TopicRegexRouter, TimestampRouter), applied in
// order to predict a record's final topic, and Debezium's unwrap (ExtractNewRecordState), whose
// `add.fields` / `add.headers` put `__op, __db, __table, ...` on every record.

export interface TransformConfig {
  name: string;
  type: string;
  props: Record<string, string>;
}

export function parseTransforms(config: Record<string, string>): TransformConfig[] {
  return splitList(config.transforms).map((name) => {
    const prefix = `transforms.${name}.`;
    const props: Record<string, string> = {};
    for (const [k, v] of Object.entries(config)) if (k.startsWith(prefix)) props[k.slice(prefix.length)] = v;
    return { name, type: props.type ?? '', props };
  });
}

/** A comma-separated config list, trimmed, empties dropped. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A Java regex as a JavaScript one, matched in full as `Matcher.matches()` does. The syntax the
 * two share covers what connector configs use; possessive quantifiers and `\Q..\E` do not translate.
 */
export function javaRegex(pattern: string, flags = ''): RegExp {
  const js = pattern.replace(/\(\?<([a-zA-Z][a-zA-Z0-9]*)>/g, '(?<$1>');
  return new RegExp(`^(?:${js})$`, flags);
}

/** Java's `Matcher.replaceFirst` replacement (`$1`, `${name}`, `\$`) over a full match. */
function javaReplace(re: RegExp, input: string, replacement: string): string | null {
  const m = re.exec(input);
  if (!m) return null;
  return replacement.replace(/\\(.)|\$\{([a-zA-Z][a-zA-Z0-9]*)\}|\$(\d)/g, (_all, esc, named, num) => {
    if (esc !== undefined) return esc;
    if (named !== undefined) return m.groups?.[named] ?? '';
    return m[Number(num)] ?? '';
  });
}

export const REGEX_ROUTER = 'org.apache.kafka.connect.transforms.RegexRouter';
const DEBEZIUM_ROUTERS = ['io.debezium.transforms.ByLogicalTableRouter', 'io.debezium.transforms.TopicRegexRouter'];
const TIMESTAMP_ROUTER = 'org.apache.kafka.connect.transforms.TimestampRouter';
const OUTBOX_ROUTER = 'io.debezium.transforms.outbox.EventRouter';
export const UNWRAP_TYPES = ['io.debezium.transforms.ExtractNewRecordState', 'io.debezium.connector.mongodb.transforms.ExtractNewDocumentState'];

export interface TopicRouting {
  /** The topic a record written to `topic` ends up on. */
  route(topic: string): string;
  /** Transforms that rename topics in a way lineage cannot follow (named for the report). */
  unpredictable: string[];
  /** The routing transforms that were applied, by name. */
  applied: string[];
}

export function topicRouting(transforms: TransformConfig[]): TopicRouting {
  const steps: Array<(t: string) => string> = [];
  const unpredictable: string[] = [];
  const applied: string[] = [];
  for (const t of transforms) {
    if (t.type === REGEX_ROUTER || DEBEZIUM_ROUTERS.includes(t.type)) {
      const regex = t.type === REGEX_ROUTER ? t.props.regex : t.props['topic.regex'];
      const replacement = t.type === REGEX_ROUTER ? t.props.replacement : t.props['topic.replacement'];
      if (!regex || replacement === undefined) {
        unpredictable.push(`${t.name} (${t.type} without regex/replacement)`);
        continue;
      }
      let re: RegExp;
      try {
        re = javaRegex(regex);
      } catch {
        unpredictable.push(`${t.name} (regex ${regex} is not understood)`);
        continue;
      }
      applied.push(t.name);
      if (t.props.predicate) unpredictable.push(`${t.name} (applied to every topic; its predicate ${t.props.predicate} is not evaluated)`);
      steps.push((topic) => javaReplace(re, topic, replacement) ?? topic);
    } else if (t.type === TIMESTAMP_ROUTER) {
      unpredictable.push(`${t.name} (${t.type}: topic names depend on record timestamps)`);
    } else if (t.type === OUTBOX_ROUTER) {
      unpredictable.push(`${t.name} (${t.type}: topic names depend on each event's aggregate type; use generic_connectors)`);
    }
  }
  return { route: (topic) => steps.reduce((acc, step) => step(acc), topic), unpredictable, applied };
}

export interface UnwrapInfo {
  transform: string;
  /** Columns added to every record value: `__op`, `__db`, `__table`, `__source_ts_ms`, ... */
  addedFields: string[];
  /** Headers added to every record. */
  addedHeaders: string[];
  deleteHandling: string | null;
}

/**
 * Debezium's event flattening: `add.fields=op,db,table,source.ts_ms` adds `__op, __db, __table,
 * __source_ts_ms` (the prefix is `add.fields.prefix`, default `__`; a dot becomes `_`); delete
 * handling `rewrite` adds `__deleted`.
 */
export function unwrapInfo(transforms: TransformConfig[]): UnwrapInfo | null {
  const t = transforms.find((x) => UNWRAP_TYPES.includes(x.type));
  if (!t) return null;
  const fieldPrefix = t.props['add.fields.prefix'] ?? '__';
  const headerPrefix = t.props['add.headers.prefix'] ?? '__';
  const column = (prefix: string) => (f: string) => `${prefix}${f.replace(/\./g, '_')}`;
  const deleteHandling = t.props['delete.handling.mode'] ?? t.props['delete.tombstone.handling.mode'] ?? null;
  const addedFields = splitList(t.props['add.fields']).map((f) => column(fieldPrefix)(f.split(':').pop() ?? f));
  if (deleteHandling && /rewrite/.test(deleteHandling)) addedFields.push(`${fieldPrefix}deleted`);
  return { transform: t.name, addedFields, addedHeaders: splitList(t.props['add.headers']).map(column(headerPrefix)), deleteHandling };
}
