// Which registry subjects hold a topic's key and value schemas, and their versions:
//   topic_subject_map["<topic>-key" | "<topic>-value"]   (RecordNameStrategy and anything else)
//   <topic>-key, <topic>-value                           (TopicNameStrategy, the default)
//   <topic>-<record full name>                           (TopicRecordNameStrategy, value only)
// Subjects are listed once per run; a registry that cannot list (Glue on moto) is asked for the
// TopicNameStrategy names directly. Versions are read once per subject and cached.
import { RegistryError, type RegistrySchemaVersion, type RegistrySubject, type SchemaRegistryClient } from '../../common/schema-registry/registry.js';

export interface TopicSubjects {
  key: RegistrySubject | null;
  value: RegistrySubject | null;
  /** Other subjects that could also be the value (TopicRecordNameStrategy with several records). */
  otherValues: string[];
}

const RECORD_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

export class TopicSchemaResolver {
  private subjects: Map<string, RegistrySubject> | null = null;
  /** Topic -> TopicRecordNameStrategy subjects. */
  private readonly recordSubjects = new Map<string, string[]>();
  private readonly versionCache = new Map<string, Promise<RegistrySchemaVersion[]>>();

  constructor(
    readonly client: SchemaRegistryClient,
    private readonly options: { topicSubjectMap: Record<string, string>; topicRecordNaming: boolean; history: boolean },
  ) {}

  /** Lists the subjects; returns a note when listing is not possible (lookups by name then). Throws when the registry is unreachable. */
  async init(): Promise<string | null> {
    try {
      const list = await this.client.subjects();
      this.subjects = new Map(list.map((s) => [s.name, s]));
      // A subject in a named group or Glue registry (`group/name`) also answers to its bare name.
      for (const s of list) {
        const bare = s.group && s.name.startsWith(`${s.group}/`) ? s.name.slice(s.group.length + 1) : null;
        if (bare && !this.subjects.has(bare)) this.subjects.set(bare, s);
      }
    } catch (e) {
      if (e instanceof RegistryError && e.code === 'unreachable') throw e;
      return `${(e as Error).message}; subjects are looked up by their TopicNameStrategy names only`;
    }
    for (const name of [...this.subjects.keys()]) {
      const dash = name.lastIndexOf('-');
      if (dash <= 0) continue;
      const record = name.slice(dash + 1);
      if (record === 'key' || record === 'value' || !RECORD_NAME.test(record)) continue;
      const topic = name.slice(0, dash);
      const list = this.recordSubjects.get(topic) ?? [];
      list.push(name);
      this.recordSubjects.set(topic, list);
    }
    return null;
  }

  private async find(name: string): Promise<RegistrySubject | null> {
    if (this.subjects) return this.subjects.get(name) ?? null;
    const s: RegistrySubject = { name, group: null };
    return (await this.client.latest(s)) ? s : null;
  }

  async subjectsFor(topic: string): Promise<TopicSubjects> {
    const map = this.options.topicSubjectMap;
    const mapped = async (suffix: 'key' | 'value') => {
      const name = map[`${topic}-${suffix}`];
      return name ? ((await this.find(name)) ?? { name, group: null }) : null;
    };
    const key = (await mapped('key')) ?? (await this.find(`${topic}-key`));
    let value = (await mapped('value')) ?? (await this.find(`${topic}-value`));
    let otherValues: string[] = [];
    if (!value && this.options.topicRecordNaming) {
      const records = (this.recordSubjects.get(topic) ?? []).sort();
      if (records.length > 0) {
        value = (await this.find(records[0]!))!;
        otherValues = records.slice(1);
      }
    }
    return { key, value, otherValues };
  }

  /** The value subject's versions oldest first (all, or only the latest without history). */
  valueVersions(subject: RegistrySubject): Promise<RegistrySchemaVersion[]> {
    return this.cached(subject, this.options.history);
  }

  async latest(subject: RegistrySubject): Promise<RegistrySchemaVersion | null> {
    const versions = await this.cached(subject, false);
    return versions[versions.length - 1] ?? null;
  }

  private cached(subject: RegistrySubject, all: boolean): Promise<RegistrySchemaVersion[]> {
    const key = `${all ? 'all' : 'latest'}\u0000${subject.group ?? ''}\u0000${subject.name}`;
    let p = this.versionCache.get(key);
    if (!p) {
      p = all ? this.client.versions(subject) : this.client.latest(subject).then((v) => (v ? [v] : []));
      this.versionCache.set(key, p);
    }
    return p;
  }
}
