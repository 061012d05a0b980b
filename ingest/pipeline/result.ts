// What a run returns: the reports of every plugin, the verdict and the exit code, and a
// printable summary in the spirit of DataHub's pretty_print_summary.
import type { SecretMasker } from '../api/logger.js';
import { Report, type SinkReport, type SourceReport, type TransformerReport } from '../api/report.js';

export type RunStatus = 'success' | 'warnings' | 'failures';

export class PipelineResult {
  readonly startTime = Date.now();
  endTime: number | null = null;
  workunits = 0;
  dryRunCount = 0;
  sourceReport: SourceReport | null = null;
  sinkReport: SinkReport | null = null;
  readonly transformerReports: Array<{ type: string; index: number; report: TransformerReport }> = [];
  /** Failures of the pipeline itself (a plugin that could not start, a close that failed). */
  readonly pipelineReport = new Report();

  constructor(
    readonly runId: string,
    readonly pipelineName: string | null,
    readonly sourceType: string,
    readonly sinkType: string,
    private readonly masker: SecretMasker,
  ) {}

  pipelineFailure(title: string, message: string): void {
    this.pipelineReport.failure(title, this.masker.mask(message));
  }

  finish(): void {
    this.endTime = Date.now();
  }

  private reports(): Report[] {
    return [this.pipelineReport, this.sourceReport, this.sinkReport, ...this.transformerReports.map((t) => t.report)].filter(
      (r): r is Report => r !== null,
    );
  }

  get failureCount(): number {
    return this.reports().reduce((n, r) => n + r.failures.size, 0);
  }

  get warningCount(): number {
    return this.reports().reduce((n, r) => n + r.warnings.size, 0);
  }

  get status(): RunStatus {
    if (this.failureCount > 0) return 'failures';
    if (this.warningCount > 0) return 'warnings';
    return 'success';
  }

  /** 0 ok (warnings included), 1 the run had failures. Config errors (2) never reach a result. */
  get exitCode(): 0 | 1 {
    return this.failureCount > 0 ? 1 : 0;
  }

  get seconds(): number {
    return ((this.endTime ?? Date.now()) - this.startTime) / 1000;
  }

  summaryLine(): string {
    const events = `${this.workunits.toLocaleString('en-US')} work units in ${this.seconds.toFixed(1)} s`;
    if (this.status === 'success') return `Pipeline finished successfully; produced ${events}.`;
    const parts = [];
    if (this.failureCount) parts.push(`${this.failureCount} failure${this.failureCount === 1 ? '' : 's'}`);
    if (this.warningCount) parts.push(`${this.warningCount} warning${this.warningCount === 1 ? '' : 's'}`);
    return `Pipeline finished with ${parts.join(', ')}; produced ${events}.`;
  }

  toJSON(): Record<string, unknown> {
    const mask = (r: Report | null) => (r ? JSON.parse(this.masker.mask(JSON.stringify(r.toJSON()))) : null);
    return {
      run_id: this.runId,
      pipeline_name: this.pipelineName,
      status: this.status,
      workunits: this.workunits,
      seconds: Number(this.seconds.toFixed(3)),
      source: { type: this.sourceType, report: mask(this.sourceReport) },
      transformers: this.transformerReports.map((t) => ({ type: t.type, report: mask(t.report) })),
      sink: { type: this.sinkType, report: mask(this.sinkReport) },
      pipeline: mask(this.pipelineReport),
      ...(this.dryRunCount ? { dry_run_workunits: this.dryRunCount } : {}),
    };
  }

  /** The one-screen text printed at the end of `catalog ingest`. */
  format(): string {
    const lines: string[] = [];
    const section = (title: string, r: Report | null) => {
      if (!r) return;
      lines.push(title);
      const json = JSON.parse(this.masker.mask(JSON.stringify(r.toJSON()))) as Record<string, unknown>;
      for (const [k, v] of Object.entries(json)) {
        if (Array.isArray(v) && v.length === 0) continue;
        if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
        lines.push(`  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
      }
    };
    section(`Source (${this.sourceType}) report:`, this.sourceReport);
    for (const t of this.transformerReports) {
      if (t.report.failures.size || t.report.warnings.size) section(`Transformer (${t.type}) report:`, t.report);
    }
    section(`Sink (${this.sinkType}) report:`, this.sinkReport);
    if (this.pipelineReport.failures.size) section('Pipeline report:', this.pipelineReport);
    if (this.dryRunCount) lines.push(`Dry run: ${this.dryRunCount} work units were not written.`);
    lines.push('', this.summaryLine());
    return lines.join('\n');
  }
}
