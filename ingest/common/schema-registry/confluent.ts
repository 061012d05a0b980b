// The Confluent Schema Registry REST API (also Apicurio's ccompat API at /apis/ccompat/v7):
//   GET /subjects, /subjects/{s}/versions, /subjects/{s}/versions/{v}, /config/{s}, /config.
// The API has no registration times, so versions carry `createdAt: null`.
import type { SchemaLanguage } from '../schema/types.js';
import { RegistryHttp, safeUrl, type HttpOptions } from './http.js';
import { RegistryError, type RegistrySchemaVersion, type RegistrySubject, type SchemaReference, type SchemaRegistryClient } from './registry.js';

interface ConfluentVersion {
  subject: string;
  version: number;
  id: number;
  schema: string;
  schemaType?: string;
  references?: Array<{ name: string; subject: string; version: number }>;
}

export function schemaLanguage(type: string | null | undefined): SchemaLanguage {
  const t = (type ?? 'AVRO').toUpperCase();
  if (t === 'PROTOBUF') return 'PROTOBUF';
  if (t === 'JSON' || t === 'JSONSCHEMA' || t === 'JSON_SCHEMA') return 'JSON';
  return 'AVRO';
}

const enc = encodeURIComponent;
const SUBJECT_PAGE = 1000;

export class ConfluentRegistryClient implements SchemaRegistryClient {
  readonly type = 'confluent' as const;
  readonly describe: string;
  private readonly http: RegistryHttp;

  constructor(url: string, options: HttpOptions = {}) {
    this.http = new RegistryHttp(url, options);
    this.describe = `confluent ${safeUrl(url)}`;
  }

  async subjects(): Promise<RegistrySubject[]> {
    // Paged with offset/limit: Apicurio's ccompat API returns only the first 1,000 without them;
    // a registry that ignores them answers the whole list, which ends the loop (nothing new).
    const names = new Set<string>();
    for (let offset = 0; ; offset += SUBJECT_PAGE) {
      const page = await this.http.json<string[]>(`/subjects?offset=${offset}&limit=${SUBJECT_PAGE}`);
      const before = names.size;
      for (const n of page) names.add(n);
      if (page.length < SUBJECT_PAGE || names.size === before) break;
    }
    return [...names].sort().map((name) => ({ name, group: null }));
  }

  private toVersion(v: ConfluentVersion): RegistrySchemaVersion {
    return {
      subject: v.subject,
      version: Number(v.version),
      id: v.id === undefined ? null : String(v.id),
      language: schemaLanguage(v.schemaType),
      schema: v.schema,
      references: (v.references ?? []).map((r): SchemaReference => ({ name: r.name, subject: r.subject, version: Number(r.version) })),
      createdAt: null,
    };
  }

  async versions(subject: RegistrySubject): Promise<RegistrySchemaVersion[]> {
    // The latest first: most subjects have one version, and then that is the only request.
    const latest = await this.latest(subject);
    if (!latest) throw new RegistryError('not-found', `subject ${subject.name} does not exist`, 404);
    if (latest.version <= 1) return [latest];
    const numbers = (await this.http.json<number[]>(`/subjects/${enc(subject.name)}/versions`)).map(Number).filter((n) => n < latest.version).sort((a, b) => a - b);
    const out: RegistrySchemaVersion[] = [];
    for (const n of numbers) {
      const v = await this.version(subject, n);
      if (v) out.push(v);
    }
    out.push(latest);
    return out;
  }

  async latest(subject: RegistrySubject): Promise<RegistrySchemaVersion | null> {
    const v = await this.http.jsonOrNull<ConfluentVersion>(`/subjects/${enc(subject.name)}/versions/latest`);
    return v ? this.toVersion(v) : null;
  }

  async version(subject: RegistrySubject, version: number): Promise<RegistrySchemaVersion | null> {
    const v = await this.http.jsonOrNull<ConfluentVersion>(`/subjects/${enc(subject.name)}/versions/${version}`);
    return v ? this.toVersion(v) : null;
  }

  async compatibility(subject: RegistrySubject): Promise<string | null> {
    const own = await this.http.jsonOrNull<{ compatibilityLevel?: string; compatibility?: string }>(`/config/${enc(subject.name)}?defaultToGlobal=true`);
    const global = own ?? (await this.http.jsonOrNull<{ compatibilityLevel?: string; compatibility?: string }>('/config'));
    return global?.compatibilityLevel ?? global?.compatibility ?? null;
  }
}
