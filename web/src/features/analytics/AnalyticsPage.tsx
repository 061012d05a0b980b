// Analytics: datasets by platform and env, term and tag usage, owner and description coverage,
// and ingestion runs over time with their outcomes.
import { BarChart } from '../../shared/charts';
import { useQuery } from '../../shared/graphql';
import { Empty, ErrorMessage, Loading, formatNumber, formatPercent, formatTime } from '../../shared/ui';
import { shortName } from '../../shared/urn';
import ANALYTICS from './analytics.graphql?raw';

type Agg = Array<{ value: string; count: number }>;
interface Run {
  runId: string;
  name: string | null;
  sourceType: string | null;
  status: string | null;
  startTimeMs: number | null;
  durationMs: number | null;
}
interface Data {
  analytics: { totalDatasets: number; datasetsByPlatform: Agg; datasetsByEnv: Agg; datasetsByTag: Agg; datasetsByGlossaryTerm: Agg; datasetsByOwner: Agg; descriptionCoverage: number; ownerCoverage: number };
  ingestionRuns: Run[];
}

const bars = (a: Agg) => a.map((v) => ({ label: v.value.startsWith('urn:li:') ? shortName(v.value) : v.value, value: v.count }));

function Panel({ title, data }: { title: string; data: Agg }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {data.length ? <BarChart label={title} bars={bars(data)} /> : <Empty>None yet.</Empty>}
    </section>
  );
}

/** Runs per day, stacked by outcome. */
function RunsChart({ runs }: { runs: Run[] }) {
  const days = new Map<string, { ok: number; failed: number }>();
  for (const r of runs) {
    const day = r.startTimeMs ? new Date(r.startTimeMs).toISOString().slice(0, 10) : 'unknown';
    const d = days.get(day) ?? { ok: 0, failed: 0 };
    if (r.status === 'FAILURE') d.failed++;
    else d.ok++;
    days.set(day, d);
  }
  const rows = [...days].sort(([a], [b]) => a.localeCompare(b)).slice(-30);
  const max = Math.max(1, ...rows.map(([, d]) => d.ok + d.failed));
  const w = 520;
  const h = 160;
  const slot = w / Math.max(rows.length, 1);
  return (
    <svg className="chart" role="img" viewBox={`0 0 ${w} ${h + 30}`} width="100%" style={{ maxWidth: w }} aria-label={`Ingestion runs per day: ${rows.map(([day, d]) => `${day} ${d.ok} succeeded, ${d.failed} failed`).join('; ')}`}>
      {rows.map(([day, d], i) => {
        const okH = (d.ok / max) * (h - 10);
        const badH = (d.failed / max) * (h - 10);
        return (
          <g key={day} transform={`translate(${i * slot + slot * 0.15},0)`}>
            <title>{`${day}: ${d.ok} succeeded, ${d.failed} failed`}</title>
            <rect y={h - okH} width={slot * 0.7} height={okH} fill="#2f7d46" />
            <rect y={h - okH - badH} width={slot * 0.7} height={badH} fill="#b23b3b" />
            <text x={slot * 0.35} y={h + 14} textAnchor="middle" className="chart-label small">
              {day.slice(5)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function AnalyticsPage() {
  const { data, error, loading } = useQuery<Data>(ANALYTICS);
  return (
    <>
      <h1>Analytics</h1>
      {loading && <Loading what="analytics" />}
      {error && <ErrorMessage error={error} what="analytics" />}
      {data && (
        <>
          <p>
            <b>{formatNumber(data.analytics.totalDatasets)}</b> datasets · <b>{formatPercent(data.analytics.descriptionCoverage)}</b> have a description ·{' '}
            <b>{formatPercent(data.analytics.ownerCoverage)}</b> have an owner
          </p>
          <div className="grid">
            <Panel title="Datasets by platform" data={data.analytics.datasetsByPlatform} />
            <Panel title="Datasets by environment" data={data.analytics.datasetsByEnv} />
            <Panel title="Glossary term usage" data={data.analytics.datasetsByGlossaryTerm} />
            <Panel title="Tag usage" data={data.analytics.datasetsByTag} />
            <Panel title="Datasets by owner" data={data.analytics.datasetsByOwner} />
            <section className="panel" aria-label="Coverage">
              <h2>Coverage</h2>
              <BarChart
                label="Coverage"
                max={1}
                format={formatPercent}
                bars={[
                  { label: 'with a description', value: data.analytics.descriptionCoverage },
                  { label: 'with an owner', value: data.analytics.ownerCoverage },
                ]}
              />
            </section>
          </div>
          <h2>Ingestion runs</h2>
          {data.ingestionRuns.length === 0 ? (
            <Empty>No ingestion runs recorded. Add `reporting: [{'{'}type: datahub{'}'}]` to a recipe to record them.</Empty>
          ) : (
            <>
              <RunsChart runs={data.ingestionRuns} />
              <table className="data" aria-label="Ingestion runs">
                <thead>
                  <tr>
                    <th scope="col">Started</th>
                    <th scope="col">Source</th>
                    <th scope="col">Outcome</th>
                    <th scope="col" className="num">Duration</th>
                    <th scope="col">Run id</th>
                  </tr>
                </thead>
                <tbody>
                  {data.ingestionRuns.map((r) => (
                    <tr key={r.runId}>
                      <td>{formatTime(r.startTimeMs)}</td>
                      <td>{r.name ?? r.sourceType ?? '–'}</td>
                      <td className={r.status === 'FAILURE' ? 'change-REMOVED' : 'change-ADDED'}>{r.status ?? 'unknown'}</td>
                      <td className="num">{r.durationMs === null ? '–' : `${(r.durationMs / 1000).toFixed(1)} s`}</td>
                      <td>
                        <code>{r.runId}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </>
  );
}
