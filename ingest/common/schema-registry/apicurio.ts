// Apicurio Registry's native REST APIs, v3 (`/apis/registry/v3`) and v2 (`/apis/registry/v2`, the
// one the seeds' converters and scripts use). Artifacts are listed with `search/artifacts`, their
// versions with their registration times, content and references; the compatibility rule is the
// artifact's, else its group's (v3), else the global one. An artifact outside the `default` group
// is named `group/artifactId`.
import { schemaLanguage } from './confluent.js';
import { RegistryHttp, safeUrl, type HttpOptions } from './http.js';
import type { RegistrySchemaVersion, RegistrySubject, SchemaReference, SchemaRegistryClient } from './registry.js';

interface ApicurioVersionMeta {
  version: string;
  globalId?: number;
  contentId?: number;
  createdOn?: string | number;
  artifactType?: string;
  type?: string;
  state?: string;
}

interface ApicurioReference {
  groupId?: string | null;
  artifactId: string;
  version: string;
  name: string;
}

const PAGE = 100;
const enc = encodeURIComponent;
const groupOf = (g: string | null | undefined): string => g ?? 'default';

/** `http://host:8080` -> `.../apis/registry/v3`; a URL already naming v2 or v3 is kept. */
export function apicurioBase(url: string, apiVersion: 'v2' | 'v3' | null): { base: string; apiVersion: 'v2' | 'v3' } {
  const trimmed = url.replace(/\/+$/, '');
  const m = /\/apis\/registry\/(v2|v3)$/.exec(trimmed);
  if (m) return { base: trimmed, apiVersion: m[1] as 'v2' | 'v3' };
  const v = apiVersion ?? 'v3';
  return { base: `${trimmed}/apis/registry/${v}`, apiVersion: v };
}

function millis(value: string | number | undefined): number | null {
  if (value === undefined || value === null) return null;
  const t = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

export class ApicurioRegistryClient implements SchemaRegistryClient {
  readonly type = 'apicurio' as const;
  readonly describe: string;
  readonly apiVersion: 'v2' | 'v3';
  private readonly http: RegistryHttp;
  /** Version label -> ordinal, per artifact, from the last versions() call (labels need not be numbers). */
  private readonly labels = new Map<string, string[]>();

  constructor(url: string, options: HttpOptions & { apiVersion?: 'v2' | 'v3' | null } = {}) {
    const { base, apiVersion } = apicurioBase(url, options.apiVersion ?? null);
    this.apiVersion = apiVersion;
    this.http = new RegistryHttp(base, options);
    this.describe = `apicurio ${safeUrl(base)}`;
  }

  private artifactPath(subject: RegistrySubject): string {
    const artifactId = subject.group && subject.name.startsWith(`${subject.group}/`) ? subject.name.slice(subject.group.length + 1) : subject.name;
    return `/groups/${enc(groupOf(subject.group))}/artifacts/${enc(artifactId)}`;
  }

  async subjects(): Promise<RegistrySubject[]> {
    const out: RegistrySubject[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.http.json<{ artifacts: Array<{ artifactId?: string; id?: string; groupId?: string | null }>; count: number }>(
        `/search/artifacts?limit=${PAGE}&offset=${offset}`,
      );
      for (const a of page.artifacts) {
        const id = a.artifactId ?? a.id!;
        const group = a.groupId && a.groupId !== 'default' ? a.groupId : null;
        out.push({ name: group ? `${group}/${id}` : id, group });
      }
      if (page.artifacts.length < PAGE || offset + PAGE >= page.count) break;
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private async versionMetas(subject: RegistrySubject): Promise<ApicurioVersionMeta[]> {
    const metas: ApicurioVersionMeta[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.http.json<{ versions: ApicurioVersionMeta[]; count: number }>(`${this.artifactPath(subject)}/versions?limit=${PAGE}&offset=${offset}`);
      metas.push(...page.versions);
      if (page.versions.length < PAGE || offset + PAGE >= page.count) break;
    }
    // Registration order: global ids grow with every version registered.
    metas.sort((a, b) => (a.globalId ?? 0) - (b.globalId ?? 0));
    this.labels.set(subject.name, metas.map((m) => m.version));
    return metas;
  }

  private async load(subject: RegistrySubject, meta: ApicurioVersionMeta, ordinal: number): Promise<RegistrySchemaVersion> {
    const path = `${this.artifactPath(subject)}/versions/${enc(meta.version)}`;
    const schema = await this.http.text(this.apiVersion === 'v3' ? `${path}/content` : path);
    const refs = (await this.http.jsonOrNull<ApicurioReference[]>(`${path}/references`)) ?? [];
    const n = /^\d+$/.test(meta.version) ? Number(meta.version) : ordinal;
    return {
      subject: subject.name,
      version: n,
      id: meta.contentId !== undefined ? String(meta.contentId) : meta.globalId !== undefined ? String(meta.globalId) : null,
      language: schemaLanguage(meta.artifactType ?? meta.type),
      schema,
      references: refs.map((r): SchemaReference => ({ name: r.name, subject: r.artifactId, version: /^\d+$/.test(r.version) ? Number(r.version) : 0 })),
      createdAt: millis(meta.createdOn),
    };
  }

  async versions(subject: RegistrySubject): Promise<RegistrySchemaVersion[]> {
    const metas = await this.versionMetas(subject);
    const out: RegistrySchemaVersion[] = [];
    for (const [i, meta] of metas.entries()) {
      if (meta.state === 'DISABLED') continue;
      out.push(await this.load(subject, meta, i + 1));
    }
    return out;
  }

  async latest(subject: RegistrySubject): Promise<RegistrySchemaVersion | null> {
    try {
      const metas = await this.versionMetas(subject);
      const enabled = metas.filter((m) => m.state !== 'DISABLED');
      const last = enabled[enabled.length - 1];
      return last ? await this.load(subject, last, metas.indexOf(last) + 1) : null;
    } catch (e) {
      if ((e as { code?: string }).code === 'not-found') return null;
      throw e;
    }
  }

  async version(subject: RegistrySubject, version: number): Promise<RegistrySchemaVersion | null> {
    const path = `${this.artifactPath(subject)}/versions/${version}`;
    const meta = await this.http.jsonOrNull<ApicurioVersionMeta>(this.apiVersion === 'v3' ? path : `${path}/meta`);
    if (!meta) return null;
    return this.load(subject, { ...meta, version: String(meta.version ?? version) }, version);
  }

  async compatibility(subject: RegistrySubject): Promise<string | null> {
    const paths = [`${this.artifactPath(subject)}/rules/COMPATIBILITY`];
    if (this.apiVersion === 'v3') paths.push(`/groups/${enc(groupOf(subject.group))}/rules/COMPATIBILITY`);
    paths.push('/admin/rules/COMPATIBILITY');
    for (const p of paths) {
      const rule = await this.http.jsonOrNull<{ config?: string }>(p);
      if (rule?.config) return rule.config;
    }
    return null;
  }
}
