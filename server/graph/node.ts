// What a walk filters on, read from the URN alone so no walk joins the store: the entity type and
// the platform (datasets: their dataPlatform; schemaFields: their parent's; flows and jobs: the
// orchestrator; charts, dashboards, ML models: their first tuple part).
import { decodeUrnPart, parseUrn, platformNameOf } from '../../model/urn.js';

export interface NodeKind {
  entityType: string;
  platform: string | null;
}

export function describeNode(urn: string): NodeKind {
  let parsed;
  try {
    parsed = parseUrn(urn);
  } catch {
    return { entityType: 'unknown', platform: null };
  }
  return { entityType: parsed.entityType, platform: platformOf(parsed.entityType, parsed.parts) };
}

function platformOf(entityType: string, parts: string[]): string | null {
  if (parts.length < 2) return null;
  const first = parts[0]!;
  switch (entityType) {
    case 'schemaField':
    case 'dataJob':
      return describeNode(first).platform;
    case 'dataFlow':
      return decodeUrnPart(first);
    default:
      if (first.startsWith('urn:li:dataPlatform:')) return platformNameOf(first);
      return first.startsWith('urn:li:') ? null : decodeUrnPart(first);
  }
}
