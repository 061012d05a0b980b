// One interface for the schema registries the catalog reads: the Confluent API (Confluent Schema
// Registry, and Apicurio's ccompat API), Apicurio's native v2/v3 APIs, and the AWS Glue Schema
// Registry. Plugins (kafka, schema-registry) see subjects, their versions oldest first, the
// compatibility level, and references; never which registry answered.
import type { SchemaLanguage } from '../schema/types.js';

export const REGISTRY_TYPES = ['confluent', 'apicurio', 'glue'] as const;
export type RegistryType = (typeof REGISTRY_TYPES)[number];

/** A schema that another one imports (Confluent `references`, Apicurio artifact references). */
export interface SchemaReference {
  /** The name the referencing schema uses (an Avro full name, a .proto import path, a JSON `$ref`). */
  name: string;
  subject: string;
  version: number;
}

export interface RegistrySchemaVersion {
  subject: string;
  /** 1, 2, 3 ... in registration order. */
  version: number;
  /** The registry's id for the content (Confluent schema id, Apicurio content/global id, Glue version id). */
  id: string | null;
  language: SchemaLanguage;
  schema: string;
  references: SchemaReference[];
  /** When this version was registered, in ms; null when the registry does not say (Confluent API). */
  createdAt: number | null;
}

export interface RegistrySubject {
  /** The subject (Confluent), the artifact id (Apicurio, `group/artifactId` outside the default group), the schema name (Glue). */
  name: string;
  /** The Apicurio group or Glue registry, when there is one. */
  group: string | null;
}

/** The registry's compatibility rule for a subject: BACKWARD, FORWARD, FULL, NONE, and the *_TRANSITIVE forms. */
export const COMPATIBILITY_LEVELS = ['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE'] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export function compatibilityLevel(text: string | null | undefined): CompatibilityLevel | null {
  if (!text) return null;
  const t = text.trim().toUpperCase().replace(/-/g, '_');
  // Glue names FULL as FULL and adds DISABLED (no evolution allowed); treat DISABLED as NONE-with-a-note upstream.
  return (COMPATIBILITY_LEVELS as readonly string[]).includes(t) ? (t as CompatibilityLevel) : null;
}

export interface SchemaRegistryClient {
  readonly type: RegistryType;
  /** A short description for reports: `confluent http://host:8081` (never credentials). */
  readonly describe: string;
  subjects(): Promise<RegistrySubject[]>;
  /** Every version of the subject, oldest first, with each version's content. */
  versions(subject: RegistrySubject): Promise<RegistrySchemaVersion[]>;
  /** The latest version, or null when the subject does not exist. */
  latest(subject: RegistrySubject): Promise<RegistrySchemaVersion | null>;
  /** One version by number (for references), or null when it does not exist. */
  version(subject: RegistrySubject, version: number): Promise<RegistrySchemaVersion | null>;
  /** The compatibility rule in force for the subject (its own, else the registry's default), as the registry writes it. */
  compatibility(subject: RegistrySubject): Promise<string | null>;
  close?(): Promise<void>;
}

/** A registry call that failed: `unreachable` (network), `not-found`, `http` (any other status), `invalid` (a body we cannot read). */
export class RegistryError extends Error {
  override name = 'RegistryError';
  constructor(
    readonly code: 'unreachable' | 'not-found' | 'http' | 'invalid',
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * The texts of a version's references, transitively, by the name the schema uses, so converters
 * can resolve imports. A reference cycle is reported as an error naming the chain.
 */
export async function resolveReferences(
  client: SchemaRegistryClient,
  root: RegistrySchemaVersion,
  group: string | null,
  maxDepth = 32,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const visit = async (v: RegistrySchemaVersion, chain: string[]): Promise<void> => {
    for (const ref of v.references) {
      const key = `${ref.subject}@${ref.version}`;
      if (chain.includes(key)) throw new RegistryError('invalid', `cyclic schema references: ${[...chain, key].join(' -> ')}`);
      if (ref.name in out) continue;
      if (chain.length >= maxDepth) throw new RegistryError('invalid', `schema references nested deeper than ${maxDepth}: ${chain.join(' -> ')}`);
      const target = await client.version({ name: ref.subject, group }, ref.version);
      if (!target) throw new RegistryError('not-found', `reference "${ref.name}" -> ${ref.subject} version ${ref.version} does not exist`);
      out[ref.name] = target.schema;
      await visit(target, [...chain, key]);
    }
  };
  await visit(root, [`${root.subject}@${root.version}`]);
  return out;
}
