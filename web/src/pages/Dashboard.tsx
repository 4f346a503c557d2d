import { useEffect, useMemo, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { get } from '../api';
import type { Project } from '../types';
import { ErrorBox } from './common';
import type { ChartSeries } from './Charts';

interface Stats {
  since: string; until: string; consensus_tasks: number;
  days: { day: string; annotations: number; completed: number; annotators: number }[];
  annotators: { user_id: number; annotations: number; active_days: number; mean_lead_time_seconds: number | null }[];
  labels: { label: string; tasks: number }[];
}
interface Progress {
  tasks: Record<string, number>; gold_tasks: number; live_leases: number; annotations_today: number; annotations_last_hour: number; active_annotators: number;
  annotators: { user_id: number; annotations: number; gold_answered: number; gold_accuracy: number | null; reviewed: number; acceptance_rate: number | null }[];
}
interface Skill { user_id: number; method: string; skill: number; labels: number; agreement: number | null }
interface Member { user_id: number; email: string; name: string }

const windows = [7, 30, 90];
const colors = { annotations: '#3b5bdb', completed: '#237a35', gold: '#b35900', agreement: '#3b5bdb', labels: '#6741d9' };
const percent = (v: number) => `${Math.round(v * 100)}%`;

// uPlot is only needed here: load it with the page's data, not with the app.
let charts: Promise<typeof import('./Charts')> | null = null;
const loadCharts = () => (charts ??= import('./Charts'));

/** The manager's dashboard: progress over time, throughput, gold accuracy and agreement per annotator, label distribution. */
export function DashboardPage({ projectId }: { projectId: number }) {
  const [days, setDays] = useState(30);
  const [project, setProject] = useState<Project | null>(null);
  const [data, setData] = useState<{ stats: Stats; progress: Progress; skills: Skill[]; members: Member[] } | null>(null);
  const [Chart, setChart] = useState<((p: Parameters<typeof import('./Charts')['Chart']>[0]) => JSX.Element) | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => { loadCharts().then(m => setChart(() => m.Chart), setError); }, []);
  useEffect(() => { get<Project>(`/api/v1/projects/${projectId}`).then(setProject, setError); }, [projectId]);
  useEffect(() => {
    const controller = new AbortController();
    const load = () => Promise.all([
      get<Stats>(`/api/v1/projects/${projectId}/stats?days=${days}`, controller.signal),
      get<Progress>(`/api/v1/projects/${projectId}/progress`, controller.signal),
      get<Skill[]>(`/api/v1/projects/${projectId}/skills`, controller.signal),
      get<Member[]>(`/api/v1/projects/${projectId}/members`, controller.signal),
    ]).then(([stats, progress, skills, members]) => { setData({ stats, progress, skills, members }); setError(null); },
      e => { if (!controller.signal.aborted) setError(e); });
    load();
    const timer = setInterval(load, 30_000);
    return () => { controller.abort(); clearInterval(timer); };
  }, [projectId, days]);

  const view = useMemo(() => data && build(data), [data]);

  return (
    <section class="page dashboard">
      <div class="page-head">
        <div>
          <a href={`/projects/${projectId}`} class="muted">← {project?.name ?? 'Project'}</a>
          <h1>Dashboard</h1>
        </div>
        <label class="row">Window
          <select name="days" value={days} onChange={e => setDays(+e.currentTarget.value)}>
            {windows.map(d => <option value={d}>last {d} days</option>)}
          </select></label>
      </div>
      <ErrorBox error={error} />
      {!view && !error && <p class="muted">Loading…</p>}
      {view && <>
        <div class="stats" data-testid="dashboard-summary">
          <span><strong>{view.completed}</strong> of {view.total} tasks completed</span>
          <span><strong>{data!.progress.annotations_today}</strong> annotations today</span>
          <span><strong>{data!.progress.annotations_last_hour}</strong> last hour</span>
          <span><strong>{data!.progress.active_annotators}</strong> active annotators</span>
          <span><strong>{data!.progress.live_leases}</strong> being labeled</span>
          <span><strong>{data!.stats.consensus_tasks}</strong> with consensus</span>
        </div>
        {Chart && <div class="chart-grid">
          <Chart id="progress" title={`Progress per day (UTC, ${data!.stats.since} to ${data!.stats.until})`} kind="days" x={view.days} series={view.daySeries} />
          <Chart id="throughput" title="Annotations per annotator in the window" kind="bars" x={view.names} series={view.throughput} />
          <Chart id="quality" title="Gold accuracy and agreement with the consensus" kind="bars" x={view.qualityNames} series={view.quality} format={percent} yMax={1} />
          <Chart id="labels" title="Consensus labels" kind="bars" x={view.labelNames} series={view.labelSeries} />
        </div>}
        <h2>Annotators</h2>
        {view.rows.length === 0 ? <p class="empty">No annotations yet.</p> :
          <table class="grid compact" data-testid="dashboard-annotators">
            <thead><tr><th>Annotator</th><th>Annotations ({days} d)</th><th>Days active</th><th>Mean lead time</th><th>Gold accuracy</th><th>Agreement</th><th>Skill</th><th>Review acceptance</th></tr></thead>
            <tbody>{view.rows.map(r => <tr>
              <td>{r.name}</td><td>{r.annotations}</td><td>{r.activeDays}</td>
              <td>{r.leadTime === null ? '–' : `${r.leadTime.toFixed(1)} s`}</td>
              <td>{r.gold === null ? '–' : `${percent(r.gold)} of ${r.goldAnswered}`}</td>
              <td>{r.agreement === null ? '–' : percent(r.agreement)}</td>
              <td>{r.skill === null ? '–' : r.skill.toFixed(2)}</td>
              <td>{r.acceptance === null ? '–' : `${percent(r.acceptance)} of ${r.reviewed}`}</td>
            </tr>)}</tbody>
          </table>}
      </>}
    </section>
  );
}

function build({ stats, progress, skills, members }: { stats: Stats; progress: Progress; skills: Skill[]; members: Member[] }) {
  const names = new Map(members.map(m => [m.user_id, m.name || m.email]));
  const nameOf = (id: number) => names.get(id) ?? `#${id}`;
  const total = Object.values(progress.tasks).reduce((a, b) => a + b, 0);
  const daySeries: ChartSeries[] = [
    { label: 'Annotations', values: stats.days.map(d => d.annotations), color: colors.annotations },
    { label: 'Completed tasks', values: stats.days.map(d => d.completed), color: colors.completed },
  ];
  const gold = new Map(progress.annotators.map(a => [a.user_id, a]));
  const skill = new Map(skills.map(s => [s.user_id, s]));
  const throughputBy = new Map(stats.annotators.map(a => [a.user_id, a]));
  const ids = [...new Set([...stats.annotators.map(a => a.user_id), ...progress.annotators.filter(a => a.annotations > 0 || a.gold_answered > 0).map(a => a.user_id), ...skills.map(s => s.user_id)])];
  const rows = ids.map(id => {
    const t = throughputBy.get(id), g = gold.get(id), s = skill.get(id);
    return {
      id, name: nameOf(id), annotations: t?.annotations ?? 0, activeDays: t?.active_days ?? 0, leadTime: t?.mean_lead_time_seconds ?? null,
      gold: g?.gold_accuracy ?? null, goldAnswered: g?.gold_answered ?? 0, agreement: s?.agreement ?? null, skill: s?.skill ?? null,
      acceptance: g?.acceptance_rate ?? null, reviewed: g?.reviewed ?? 0,
    };
  }).sort((a, b) => b.annotations - a.annotations || a.id - b.id);
  const measured = rows.filter(r => r.gold !== null || r.agreement !== null);
  return {
    total, completed: progress.tasks.completed ?? 0,
    days: stats.days.map(d => d.day), daySeries,
    names: stats.annotators.map(a => nameOf(a.user_id)),
    throughput: [{ label: 'Annotations', values: stats.annotators.map(a => a.annotations), color: colors.annotations }],
    qualityNames: measured.map(r => r.name),
    quality: [
      { label: 'Gold accuracy', values: measured.map(r => r.gold), color: colors.gold },
      { label: 'Agreement', values: measured.map(r => r.agreement), color: colors.agreement },
    ],
    labelNames: stats.labels.map(l => l.label),
    labelSeries: [{ label: 'Tasks', values: stats.labels.map(l => l.tasks), color: colors.labels }],
    rows,
  };
}
