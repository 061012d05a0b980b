// Stats: the latest profile's column statistics, value frequencies and quantiles as charts, and
// row count and null rates over the profiled runs as line charts.
import { useState } from 'react';
import { BarChart, ColumnChart, LineChart } from '../../shared/charts';
import { useQuery } from '../../shared/graphql';
import { Empty, ErrorMessage, Loading, formatNumber, formatPercent, formatTime } from '../../shared/ui';
import { simplePath } from './SchemaTab';
import STATS from './stats.graphql?raw';

interface FieldProfile {
  fieldPath: string;
  uniqueCount: number | null;
  uniqueProportion: number | null;
  nullCount: number | null;
  nullProportion: number | null;
  min: string | null;
  max: string | null;
  mean: string | null;
  median: string | null;
  stdev: string | null;
  sampleValues: string[] | null;
  distinctValueFrequencies: Array<{ value: string; frequency: number }> | null;
  quantiles: Array<{ quantile: string; value: string }> | null;
  histogram: { boundaries: string[]; heights: number[] } | null;
}
interface Profile {
  timestampMillis: number;
  rowCount: number | null;
  columnCount: number | null;
  sizeInBytes: number | null;
  fieldProfiles: FieldProfile[];
}

const fmt = (v: string | null) => {
  if (v === null) return '–';
  const n = Number(v);
  return Number.isFinite(n) && v.trim() !== '' ? (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 3 })) : v;
};

function ColumnCharts({ f }: { f: FieldProfile }) {
  const name = simplePath(f.fieldPath);
  const charts = [];
  if (f.histogram?.heights.length)
    charts.push(
      <figure key="h">
        <figcaption>Histogram of {name}</figcaption>
        <ColumnChart label={`Histogram of ${name}`} bars={f.histogram.heights.map((h, i) => ({ label: `${f.histogram!.boundaries[i] ?? ''}`, value: h }))} />
      </figure>,
    );
  if (f.distinctValueFrequencies?.length)
    charts.push(
      <figure key="f">
        <figcaption>Most frequent values of {name}</figcaption>
        <BarChart label={`Value frequencies of ${name}`} bars={f.distinctValueFrequencies.slice(0, 12).map((v) => ({ label: v.value, value: v.frequency }))} />
      </figure>,
    );
  if (f.quantiles?.length && f.quantiles.every((q) => Number.isFinite(Number(q.value))))
    charts.push(
      <figure key="q">
        <figcaption>Distribution of {name} (quantiles)</figcaption>
        <ColumnChart label={`Quantiles of ${name}`} format={(n) => n.toLocaleString('en-US', { maximumFractionDigits: 2 })} bars={f.quantiles.map((q) => ({ label: `p${Math.round(Number(q.quantile) * 100)}`, value: Number(q.value) }))} />
      </figure>,
    );
  // Without profiled frequencies or histograms (DataHub's profiler leaves them off by default),
  // the profile's sample values still show the shape of the data; the captions say so.
  const sample = f.sampleValues ?? [];
  if (!charts.length && sample.length) {
    const nums = sample.map(Number);
    const numeric = nums.every((n) => Number.isFinite(n)) && sample.every((v) => v.trim() !== '') && new Set(sample).size >= 5;
    if (numeric) {
      const lo = Math.min(...nums);
      const hi = Math.max(...nums);
      const bins = Math.min(10, new Set(sample).size);
      const width = (hi - lo) / bins || 1;
      const heights = new Array<number>(bins).fill(0);
      for (const n of nums) heights[Math.min(bins - 1, Math.floor((n - lo) / width))]!++;
      charts.push(
        <figure key="sh">
          <figcaption>Histogram of {name} in the profile’s sample of {sample.length} values</figcaption>
          <ColumnChart label={`Histogram of ${name} (sample)`} bars={heights.map((h, i) => ({ label: (lo + i * width).toLocaleString('en-US', { maximumFractionDigits: 1 }), value: h }))} />
        </figure>,
      );
    } else {
      const counts = new Map<string, number>();
      for (const v of sample) counts.set(v, (counts.get(v) ?? 0) + 1);
      const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12);
      charts.push(
        <figure key="sf">
          <figcaption>Value frequencies of {name} in the profile’s sample of {sample.length} values</figcaption>
          <BarChart label={`Value frequencies of ${name} (sample)`} bars={top.map(([value, n]) => ({ label: value, value: n }))} />
        </figure>,
      );
    }
  }
  return charts.length ? <div className="charts-row">{charts}</div> : <Empty>No value distribution was profiled for {name}.</Empty>;
}

export function StatsTab({ urn }: { urn: string }) {
  const { data, error, loading } = useQuery<{ dataset: { datasetProfiles: Profile[] } | null }>(STATS, { urn });
  const [column, setColumn] = useState<string | null>(null);
  if (loading) return <Loading what="statistics" />;
  if (error) return <ErrorMessage error={error} what="statistics" />;
  const profiles = [...(data?.dataset?.datasetProfiles ?? [])].sort((a, b) => b.timestampMillis - a.timestampMillis);
  const latest = profiles[0];
  if (!latest) return <Empty>This dataset has not been profiled. Enable `profiling.enabled: true` in its recipe.</Empty>;
  const selected = latest.fieldProfiles.find((f) => f.fieldPath === column) ?? latest.fieldProfiles.find((f) => f.distinctValueFrequencies?.length || f.quantiles?.length) ?? latest.fieldProfiles[0];
  const nullSeries = latest.fieldProfiles.filter((f) => f.nullProportion !== null).sort((a, b) => b.nullProportion! - a.nullProportion!).slice(0, 6);
  return (
    <>
      <p>
        Latest profile {formatTime(latest.timestampMillis)}: <b>{formatNumber(latest.rowCount)}</b> rows, {formatNumber(latest.columnCount)} columns
        {latest.sizeInBytes !== null && `, ${formatNumber(latest.sizeInBytes)} bytes`}; {profiles.length} profile run{profiles.length === 1 ? '' : 's'} in total.
      </p>
      <h2>Column statistics</h2>
      <table className="data" aria-label="Column statistics">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col" className="num">Nulls</th>
            <th scope="col" className="num">Null %</th>
            <th scope="col" className="num">Distinct</th>
            <th scope="col" className="num">Min</th>
            <th scope="col" className="num">Max</th>
            <th scope="col" className="num">Mean</th>
            <th scope="col" className="num">Median</th>
            <th scope="col" className="num">Std dev</th>
            <th scope="col">Sample values</th>
          </tr>
        </thead>
        <tbody>
          {latest.fieldProfiles.map((f) => (
            <tr key={f.fieldPath} className={f === selected ? 'selected' : undefined}>
              <th scope="row">
                <button type="button" className="link" onClick={() => setColumn(f.fieldPath)} aria-label={`Show charts for ${simplePath(f.fieldPath)}`}>
                  <code>{simplePath(f.fieldPath)}</code>
                </button>
              </th>
              <td className="num">{formatNumber(f.nullCount)}</td>
              <td className="num">{formatPercent(f.nullProportion)}</td>
              <td className="num">{formatNumber(f.uniqueCount)}</td>
              <td className="num">{fmt(f.min)}</td>
              <td className="num">{fmt(f.max)}</td>
              <td className="num">{fmt(f.mean)}</td>
              <td className="num">{fmt(f.median)}</td>
              <td className="num">{fmt(f.stdev)}</td>
              <td>{f.sampleValues?.slice(0, 3).join(', ') ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected && (
        <section aria-label="Column charts">
          <h2>
            Distribution of <code>{simplePath(selected.fieldPath)}</code>
          </h2>
          <ColumnCharts f={selected} />
        </section>
      )}
      <h2>History</h2>
      <div className="charts-row">
        <figure>
          <figcaption>Row count per profile run</figcaption>
          <LineChart label="Row count" points={profiles.filter((p) => p.rowCount !== null).map((p) => ({ t: p.timestampMillis, v: p.rowCount! }))} />
        </figure>
        {nullSeries.map((f) => (
          <figure key={f.fieldPath}>
            <figcaption>
              Null rate of <code>{simplePath(f.fieldPath)}</code>
            </figcaption>
            <LineChart
              label={`Null rate of ${simplePath(f.fieldPath)}`}
              format={formatPercent}
              yMax={Math.max(0.05, ...profiles.map((p) => p.fieldProfiles.find((x) => x.fieldPath === f.fieldPath)?.nullProportion ?? 0))}
              points={profiles.flatMap((p) => {
                const v = p.fieldProfiles.find((x) => x.fieldPath === f.fieldPath)?.nullProportion;
                return v === null || v === undefined ? [] : [{ t: p.timestampMillis, v }];
              })}
            />
          </figure>
        ))}
      </div>
    </>
  );
}
