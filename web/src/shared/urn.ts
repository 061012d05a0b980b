// Reading URNs for display and links (docs/NAMING.md has the formats).

/** Splits the top-level comma-separated parts of a URN's key: `(a,b,(c,d))` -> a, b, (c,d). */
function splitKey(key: string): string[] {
  if (!key.startsWith('(')) return [key];
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of key.slice(1, -1)) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

export function parseUrn(urn: string): { type: string; parts: string[] } {
  const m = /^urn:li:([^:]+):(.*)$/.exec(urn);
  if (!m) return { type: 'unknown', parts: [urn] };
  return { type: m[1]!, parts: splitKey(m[2]!) };
}

export interface DatasetKey {
  platform: string;
  name: string;
  env: string;
}

export function datasetKey(urn: string): DatasetKey {
  const { parts } = parseUrn(urn);
  return { platform: (parts[0] ?? '').replace(/^urn:li:dataPlatform:/, ''), name: parts[1] ?? urn, env: parts[2] ?? '' };
}

/** A short display name: the last dotted part of a dataset name, a term's name, a tag's name. */
export function shortName(urn: string): string {
  const { type, parts } = parseUrn(urn);
  if (type === 'dataset') return (parts[1] ?? urn).split('.').pop()!;
  if (type === 'schemaField') return parts[1] ?? urn;
  if (type === 'glossaryTerm' || type === 'glossaryNode') return (parts[0] ?? urn).split('.').pop()!;
  if (type === 'corpuser' || type === 'corpGroup' || type === 'tag') return parts[0] ?? urn;
  return parts[parts.length - 1] ?? urn;
}

/** The UI route that shows an entity, or null when there is none. */
export function entityPath(urn: string): string | null {
  const e = encodeURIComponent(urn);
  switch (parseUrn(urn).type) {
    case 'dataset':
      return `/dataset/${e}`;
    case 'glossaryTerm':
      return `/glossary/term/${e}`;
    case 'glossaryNode':
      return `/glossary/node/${e}`;
    case 'tag':
      return `/tag/${e}`;
    case 'schemaField':
      return `/dataset/${encodeURIComponent(parseUrn(urn).parts[0] ?? '')}/schema`;
    default:
      return null;
  }
}

/** Route parameters arrive percent-encoded; decode once, tolerating an already decoded value. */
export function param(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export const fieldUrn = (datasetUrn: string, fieldPath: string) => `urn:li:schemaField:(${datasetUrn},${fieldPath})`;
