// Report objects, as DataHub's: counters, warnings and failures grouped by title with a capped
// sample of contexts, and timings. Plugins write here; the CLI prints them at the end of a run.

export interface StructuredLogEntry {
  title: string;
  message: string;
  context: string[];
  /** How many times this title/message occurred (context keeps only a sample). */
  count: number;
}

const CONTEXT_SAMPLE = 10;
const ENTRY_SAMPLE = 20;

export class StructuredLog {
  private readonly entries = new Map<string, StructuredLogEntry>();
  total = 0;

  add(title: string, message: string, context?: string): void {
    this.total++;
    const key = `${title}\u0000${message}`;
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= ENTRY_SAMPLE) return;
      entry = { title, message, context: [], count: 0 };
      this.entries.set(key, entry);
    }
    entry.count++;
    if (context !== undefined && entry.context.length < CONTEXT_SAMPLE) entry.context.push(context);
  }

  get size(): number {
    return this.total;
  }

  toJSON(): StructuredLogEntry[] {
    return [...this.entries.values()];
  }
}

/** Counts of aspects by entity type and aspect name, as DataHub's report `aspects` table. */
export class AspectCounter {
  readonly byEntity: Record<string, Record<string, number>> = {};
  add(entityType: string, aspectName: string): void {
    const e = (this.byEntity[entityType] ??= {});
    e[aspectName] = (e[aspectName] ?? 0) + 1;
  }
  total(): number {
    let n = 0;
    for (const e of Object.values(this.byEntity)) for (const c of Object.values(e)) n += c;
    return n;
  }
}

export class Report {
  readonly warnings = new StructuredLog();
  readonly failures = new StructuredLog();
  readonly infos = new StructuredLog();
  readonly startTime = Date.now();
  endTime: number | null = null;
  /** Seconds spent per named stage (e.g. "Metadata extraction", "Profiling"). */
  readonly stageDurations: Record<string, number> = {};

  warning(title: string, message: string, context?: string): void {
    this.warnings.add(title, message, context);
  }
  failure(title: string, message: string, context?: string): void {
    this.failures.add(title, message, context);
  }
  info(title: string, message: string, context?: string): void {
    this.infos.add(title, message, context);
  }

  async timeStage<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.stageDurations[stage] = (this.stageDurations[stage] ?? 0) + (performance.now() - t0) / 1000;
    }
  }

  runningSeconds(): number {
    return ((this.endTime ?? Date.now()) - this.startTime) / 1000;
  }

  /** Extra plugin-specific fields; subclasses override to add theirs. */
  protected extra(): Record<string, unknown> {
    return {};
  }

  toJSON(): Record<string, unknown> {
    return {
      ...this.extra(),
      warnings: this.warnings.toJSON(),
      failures: this.failures.toJSON(),
      infos: this.infos.toJSON(),
      start_time: new Date(this.startTime).toISOString(),
      running_time_seconds: Number(this.runningSeconds().toFixed(3)),
      stage_durations_seconds: this.stageDurations,
    };
  }
}

export class SourceReport extends Report {
  eventsProduced = 0;
  readonly aspects = new AspectCounter();
  /** Capped sample of names the source's patterns filtered out. */
  readonly filtered: string[] = [];
  filteredCount = 0;
  /** URNs soft-deleted by stateful ingestion because this run no longer saw them. */
  readonly softDeletedStaleEntities: string[] = [];

  reportWorkUnit(entityType: string, aspectName: string | undefined): void {
    this.eventsProduced++;
    this.aspects.add(entityType, aspectName ?? '(key)');
  }
  reportFiltered(name: string): void {
    this.filteredCount++;
    if (this.filtered.length < 50) this.filtered.push(name);
  }
  protected override extra(): Record<string, unknown> {
    const secs = this.runningSeconds();
    return {
      events_produced: this.eventsProduced,
      events_produced_per_sec: secs > 0 ? Math.round(this.eventsProduced / secs) : this.eventsProduced,
      aspects: this.aspects.byEntity,
      filtered: this.filtered,
      filtered_count: this.filteredCount,
      soft_deleted_stale_entities: this.softDeletedStaleEntities.slice(0, 100),
      soft_deleted_stale_entities_count: this.softDeletedStaleEntities.length,
    };
  }
}

export class SinkReport extends Report {
  recordsWritten = 0;
  protected override extra(): Record<string, unknown> {
    const secs = this.runningSeconds();
    return {
      total_records_written: this.recordsWritten,
      records_written_per_second: secs > 0 ? Math.round(this.recordsWritten / secs) : this.recordsWritten,
    };
  }
}

export class TransformerReport extends Report {
  aspectsEmitted = 0;
  protected override extra(): Record<string, unknown> {
    return { aspects_emitted: this.aspectsEmitted };
  }
}
