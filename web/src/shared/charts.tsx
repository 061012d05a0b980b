// Hand-made SVG charts: horizontal bars, vertical bars (histograms, quantiles) and a time line.
// Each is an image with a text label for screen readers; values show on hover (<title>).
import { formatNumber } from './ui';

export interface Bar {
  label: string;
  value: number;
  href?: string;
}

export function BarChart({ bars, label, format = formatNumber, max }: { bars: Bar[]; label: string; format?: (n: number) => string; max?: number }) {
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  const rowH = 22;
  const labelW = 170;
  const width = 480;
  const barW = width - labelW - 70;
  return (
    <svg className="chart" role="img" aria-label={`${label}: ${bars.map((b) => `${b.label} ${format(b.value)}`).join(', ')}`} viewBox={`0 0 ${width} ${bars.length * rowH + 4}`} width="100%" style={{ maxWidth: width }}>
      {bars.map((b, i) => (
        <g key={b.label} transform={`translate(0 ${i * rowH})`}>
          <title>{`${b.label}: ${format(b.value)}`}</title>
          <text x={labelW - 6} y={15} textAnchor="end" className="chart-label">
            {b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}
          </text>
          <rect x={labelW} y={4} height={14} width={Math.max(1, (b.value / top) * barW)} className="chart-bar" rx="2" />
          <text x={labelW + Math.max(1, (b.value / top) * barW) + 6} y={15} className="chart-value">
            {format(b.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** Vertical bars with labels under them: histograms and quantiles. */
export function ColumnChart({ bars, label, format = formatNumber }: { bars: Bar[]; label: string; format?: (n: number) => string }) {
  const width = 360;
  const height = 140;
  const top = Math.max(1e-9, ...bars.map((b) => b.value));
  const slot = width / Math.max(1, bars.length);
  return (
    <svg className="chart" role="img" aria-label={`${label}: ${bars.map((b) => `${b.label} ${format(b.value)}`).join(', ')}`} viewBox={`0 0 ${width} ${height + 34}`} width="100%" style={{ maxWidth: width }}>
      <line x1="0" x2={width} y1={height} y2={height} className="chart-axis" />
      {bars.map((b, i) => {
        const h = (b.value / top) * (height - 14);
        return (
          <g key={`${b.label}-${i}`}>
            <title>{`${b.label}: ${format(b.value)}`}</title>
            <rect x={i * slot + slot * 0.1} y={height - h} width={slot * 0.8} height={Math.max(h, 1)} className="chart-bar" rx="2" />
            <text x={i * slot + slot / 2} y={height + 14} textAnchor="middle" className="chart-label small">
              {b.label.length > 10 ? `${b.label.slice(0, 9)}…` : b.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface Point {
  t: number;
  v: number;
}

export function LineChart({ points, label, format = formatNumber, yMax }: { points: Point[]; label: string; format?: (n: number) => string; yMax?: number }) {
  const width = 420;
  const height = 150;
  const pad = { l: 56, r: 12, t: 10, b: 26 };
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const t0 = sorted[0]?.t ?? 0;
  const t1 = sorted[sorted.length - 1]?.t ?? 1;
  const vMax = yMax ?? Math.max(1e-9, ...sorted.map((p) => p.v));
  const x = (t: number) => pad.l + (t1 === t0 ? (width - pad.l - pad.r) / 2 : ((t - t0) / (t1 - t0)) * (width - pad.l - pad.r));
  const y = (v: number) => pad.t + (1 - v / vMax) * (height - pad.t - pad.b);
  const d = sorted.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  return (
    <svg className="chart" role="img" aria-label={`${label} over ${sorted.length} runs: ${sorted.map((p) => `${day(p.t)} ${format(p.v)}`).join(', ')}`} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }}>
      <line x1={pad.l} x2={width - pad.r} y1={height - pad.b} y2={height - pad.b} className="chart-axis" />
      <line x1={pad.l} x2={pad.l} y1={pad.t} y2={height - pad.b} className="chart-axis" />
      <text x={pad.l - 6} y={pad.t + 8} textAnchor="end" className="chart-label small">
        {format(vMax)}
      </text>
      <text x={pad.l - 6} y={height - pad.b} textAnchor="end" className="chart-label small">
        0
      </text>
      <text x={pad.l} y={height - 8} className="chart-label small">
        {day(t0)}
      </text>
      <text x={width - pad.r} y={height - 8} textAnchor="end" className="chart-label small">
        {day(t1)}
      </text>
      <path d={d} className="chart-line" />
      {sorted.map((p) => (
        <circle key={p.t} cx={x(p.t)} cy={y(p.v)} r="3.5" className="chart-dot">
          <title>{`${new Date(p.t).toISOString()}: ${format(p.v)}`}</title>
        </circle>
      ))}
    </svg>
  );
}
