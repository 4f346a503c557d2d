// The dashboard's charts, drawn by uPlot (a chunk of its own, loaded by the dashboard only). Each chart is a figure
// with a caption, and the numbers it draws are in a table under it, so the data is there for keyboards and screen
// readers as well as for eyes.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface ChartSeries { label: string; values: (number | null)[]; color: string }

interface ChartProps {
  /** A stable id: the figure's caption and the test hook (data-chart). */
  id: string;
  title: string;
  /** Category names for bars, or UTC days (yyyy-mm-dd) for a time series. */
  x: string[];
  series: ChartSeries[];
  kind: 'days' | 'bars';
  /** Formats a value for the axis and the table (default: the number). */
  format?: (v: number) => string;
  /** Fixed top of the y axis (e.g. 1 for shares). */
  yMax?: number;
}

const height = 220;

export function Chart({ id, title, x, series, kind, format = v => String(v), yMax }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const xs = kind === 'days' ? x.map(d => Date.parse(d + 'T00:00:00Z') / 1000) : x.map((_, i) => i);
    const width = Math.max(240, el.clientWidth);
    const bars = kind === 'bars';
    const n = series.length;
    const options: uPlot.Options = {
      width, height,
      legend: { show: n > 1 },
      cursor: { points: { show: !bars }, drag: { x: false, y: false } },
      scales: {
        x: bars ? { time: false, range: [-0.5, x.length - 0.5] } : { time: true },
        y: { range: (_u, _min, max) => [0, yMax ?? Math.max(1, niceMax(max))] },
      },
      tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
      axes: [
        bars
          ? { splits: () => x.map((_, i) => i), values: (_u, splits) => splits.map(i => shorten(x[i] ?? '')), gap: 6 }
          : {},
        { values: (_u, splits) => splits.map(format), size: 56 },
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: s.color,
          fill: bars ? s.color : undefined,
          width: bars ? 0 : 2,
          value: (_u: uPlot, v: number | null) => (v === null ? '–' : format(v)),
          points: { show: !bars, size: 5 },
          paths: bars ? uPlot.paths.bars!({ size: [n > 1 ? 0.8 / n : 0.6, 64], align: n > 1 ? (i === 0 ? 1 : -1) : 0 }) : undefined,
        })),
      ],
    };
    const plot = new uPlot(options, [xs, ...series.map(s => s.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(240, el.clientWidth), height }));
    resize.observe(el);
    return () => { resize.disconnect(); plot.destroy(); };
  }, [x, series, kind, yMax]);

  return (
    <figure class="chart" data-chart={id} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {x.length === 0 ? <p class="muted chart-empty">Nothing to show yet.</p> : <div ref={host} class="chart-canvas" aria-hidden="true" />}
      {x.length > 0 && <details class="chart-data">
        <summary>Data</summary>
        <table class="grid compact">
          <thead><tr><th>{kind === 'days' ? 'Day (UTC)' : 'Name'}</th>{series.map(s => <th>{s.label}</th>)}</tr></thead>
          <tbody>{x.map((name, i) => <tr><td>{name}</td>{series.map(s => <td>{s.values[i] === null ? '–' : format(s.values[i]!)}</td>)}</tr>)}</tbody>
        </table>
      </details>}
    </figure>
  );
}

function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const step = Math.pow(10, Math.floor(Math.log10(max)));
  return Math.ceil((max * 1.1) / step) * step;
}

function shorten(name: string): string {
  return name.length > 14 ? name.slice(0, 13) + '…' : name;
}
