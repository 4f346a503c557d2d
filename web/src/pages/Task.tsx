import { useEffect, useState } from 'preact/hooks';
import { ApiError, get } from '../api';
import type { Annotation, Consensus, Result, Task } from '../types';
import { ErrorBox, formatDate } from './common';

interface Member { user_id: number; email: string; name: string }

/** One task for a manager or reviewer: its data, every annotation with its author and review state, and the consensus. */
export function TaskPage({ projectId, taskId }: { projectId: number; taskId: number }) {
  const [task, setTask] = useState<Task | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[] | null>(null);
  const [consensus, setConsensus] = useState<Consensus | null | undefined>(undefined);
  const [names, setNames] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    get<Task>(`/api/v1/projects/${projectId}/tasks/${taskId}`, signal).then(setTask, e => { if (!signal.aborted) setError(e); });
    get<Annotation[]>(`/api/v1/projects/${projectId}/tasks/${taskId}/annotations`, signal).then(setAnnotations, e => { if (!signal.aborted) setError(e); });
    get<Consensus>(`/api/v1/projects/${projectId}/tasks/${taskId}/consensus`, signal)
      .then(setConsensus, e => { if (e instanceof ApiError && (e.status === 404 || e.status === 403)) setConsensus(null); else if (!signal.aborted) setError(e); });
    get<Member[]>(`/api/v1/projects/${projectId}/members`, signal)
      .then(ms => setNames(new Map(ms.map(m => [m.user_id, m.name || m.email]))), () => { /* reviewers may not list members: ids are shown */ });
    return () => controller.abort();
  }, [projectId, taskId]);

  const author = (id?: number) => (id === undefined ? '–' : names.get(id) ?? `#${id}`);
  return (
    <section class="page">
      <div class="page-head">
        <div>
          <a href={`/projects/${projectId}`} class="muted">← Project</a>
          <h1>Task {taskId}</h1>
        </div>
        <div class="row"><a class="button primary" href={`/projects/${projectId}/tasks/${taskId}/label`}>Label this task</a></div>
      </div>
      <ErrorBox error={error} />
      {task && <div class="task-detail">
        <div class="panel" data-testid="task-data">
          <h2>Data</h2>
          <div class="stats">
            <span class={`status status-${task.status}`}>{task.status.replace('_', ' ')}</span>
            <span><strong>{task.annotation_count}</strong> annotation{task.annotation_count === 1 ? '' : 's'}</span>
            <span>priority <strong>{task.priority}</strong></span>
            {task.overlap !== null && <span>overlap <strong>{task.overlap}</strong></span>}
            {task.batch && <span>batch <strong>{task.batch}</strong></span>}
          </div>
          {Object.entries(task.data).map(([key, value]) => <DataField name={key} value={value} />)}
          {task.meta !== null && task.meta !== undefined && <details><summary>Meta</summary><pre>{JSON.stringify(task.meta, null, 2)}</pre></details>}
          <p class="muted">Created {formatDate(task.created_at)}{task.unique_id ? ` · unique id ${task.unique_id}` : ''}</p>
        </div>
        <div>
          <div class="panel" data-testid="task-consensus">
            <h2>Consensus</h2>
            {consensus === undefined && <p class="muted">Loading…</p>}
            {consensus === null && <p class="muted">No consensus yet: it needs annotations with a single choice, and it is recomputed in the background.</p>}
            {consensus && <>
              <div class="chips"><span class="chip" data-testid="consensus-label">{consensus.label}</span></div>
              <p>{Math.round(consensus.confidence * 100)}% confidence · {consensus.method} over {consensus.annotations} annotation{consensus.annotations === 1 ? '' : 's'} · {formatDate(consensus.computed_at)}</p>
            </>}
          </div>
          <div class="panel" data-testid="task-annotations" style={{ marginTop: '16px' }}>
            <h2>Annotations</h2>
            {annotations && annotations.length === 0 && <p class="muted">None yet.</p>}
            {annotations?.map(a => (
              <div class="annotation-card" data-testid="annotation">
                <div class="row">
                  <strong>{author(a.completed_by)}</strong>
                  <span class="muted">{formatDate(a.created_at)} · {a.lead_time ? `${a.lead_time.toFixed(1)} s` : 'no lead time'}{a.origin && a.origin !== 'human' ? ` · ${a.origin}` : ''}</span>
                  {a.review_state && <span class={`status review-${a.review_state}`}>{a.review_state}</span>}
                </div>
                <div class="chips">{summarize(a.review_state === 'fixed' && a.fixed_result ? a.fixed_result : a.result).map(s => <span class="chip">{s}</span>)}</div>
                <details><summary>Result JSON</summary><pre>{JSON.stringify(a.result, null, 2)}</pre></details>
              </div>))}
          </div>
        </div>
      </div>}
    </section>
  );
}

function DataField({ name, value }: { name: string; value: unknown }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  const isImage = typeof value === 'string' && /\.(png|jpe?g|gif|webp|bmp)(\?|$)/i.test(value);
  return (
    <div>
      <h3>{name}</h3>
      {isImage ? <img src={value as string} alt={`${name} of the task`} style={{ maxWidth: '100%', maxHeight: '320px' }} /> : <pre>{text}</pre>}
    </div>
  );
}

/** What each region says, in a word or two: its labels, choices, rating, number or text. */
function summarize(result: Result[]): string[] {
  const out: string[] = [];
  for (const r of result ?? []) {
    const v = r.value ?? {};
    const labels: unknown = v.choices ?? v.labels ?? v.rectanglelabels ?? v.polygonlabels ?? v.keypointlabels ?? v.brushlabels ?? v.taxonomy;
    if (Array.isArray(labels)) out.push(`${r.from_name}: ${labels.map(l => (Array.isArray(l) ? l.join(' / ') : String(l))).join(', ')}`);
    else if (typeof v.rating === 'number') out.push(`${r.from_name}: ${v.rating}★`);
    else if (typeof v.number === 'number') out.push(`${r.from_name}: ${v.number}`);
    else if (Array.isArray(v.text)) out.push(`${r.from_name}: “${v.text.join(' ').slice(0, 80)}”`);
    else if (typeof v.selected === 'string') out.push(`${r.from_name}: ${v.selected}`);
    else if (Array.isArray(v.ranker ?? v.ranking)) out.push(`${r.from_name}: ranked`);
    else out.push(`${r.from_name}: ${r.type}`);
  }
  return out;
}
