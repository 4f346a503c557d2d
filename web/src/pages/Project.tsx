import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, get, upload } from '../api';
import type { ImportResult, Project, TaskPage } from '../types';
import { debounce, ErrorBox, formatDate } from './common';
import { ExportPanel } from './ExportPanel';
import { MembersPanel, ProgressPanel } from './ProjectTeam';
import { ProjectSettings } from './ProjectSettings';

const statuses = ['', 'queued', 'in_progress', 'completed', 'canceled'];
const pageSize = 50;

export function ProjectPage({ projectId }: { projectId: number }) {
  const [project, setProject] = useState<Project | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => { get<Project>(`/api/v1/projects/${projectId}`).then(setProject, setError); }, [projectId]);

  if (error) return <section class="page"><ErrorBox error={error} /></section>;
  if (!project) return <section class="page"><p class="muted">Loading…</p></section>;
  return (
    <section class="page">
      <div class="page-head">
        <h1>{project.name}</h1>
        <div class="row">
          <a class="button" href={`/projects/${project.id}/dashboard`}>Dashboard</a>
          <a class="button" href={`/projects/${project.id}/reviews`}>Decisions</a>
          <a class="button" href={`/projects/${project.id}/review`}>Review</a>
          <a class="button primary" href={`/projects/${project.id}/label`}>Start labeling</a>
        </div>
      </div>
      {project.instructions && <p class="instructions-preview">{project.instructions}</p>}
      <ProgressPanel projectId={project.id} reload={reload} />
      <div class="panels">
        <ImportPanel projectId={project.id} onImported={() => setReload(r => r + 1)} />
        <ExportPanel projectId={project.id} />
      </div>
      <TasksTable projectId={project.id} reload={reload} />
      <div class="panels"><MembersPanel projectId={project.id} /></div>
      <details class="panel settings"><summary><h2>Settings</h2></summary><ProjectSettings project={project} onSaved={setProject} /></details>
    </section>
  );
}

interface Batch { batch: string; tasks: number; completed: number; paused: boolean }

/** The tasks table: server-side cursor paging, filtered by status, batch, whether a task has annotations and unique id. */
function TasksTable({ projectId, reload }: { projectId: number; reload: number }) {
  const [status, setStatus] = useState('');
  const [batch, setBatch] = useState('');
  const [annotated, setAnnotated] = useState('');
  const [uniqueInput, setUniqueInput] = useState('');
  const [uniqueId, setUniqueId] = useState('');
  const [batches, setBatches] = useState<Batch[]>([]);
  const [cursors, setCursors] = useState<number[]>([0]); // cursor of each page visited, for "previous"
  const [page, setPage] = useState<TaskPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const cursor = cursors[cursors.length - 1];
  const applyUniqueId = useMemo(() => debounce((v: string) => setUniqueId(v.trim()), 300), []);

  useEffect(() => { get<Batch[]>(`/api/v1/projects/${projectId}/batches`).then(setBatches, () => setBatches([])); }, [projectId, reload]);
  useEffect(() => { setCursors([0]); }, [status, batch, annotated, uniqueId, reload]);
  useEffect(() => {
    const controller = new AbortController();
    const q = new URLSearchParams({ limit: String(pageSize) });
    if (status) q.set('status', status);
    if (batch) q.set('batch', batch);
    if (annotated) q.set('has_annotations', annotated);
    if (uniqueId) q.set('unique_id', uniqueId);
    if (cursor) q.set('cursor', String(cursor));
    setError(null);
    get<TaskPage>(`/api/v1/projects/${projectId}/tasks?${q}`, controller.signal).then(setPage, e => { if (!controller.signal.aborted) setError(e); });
    return () => controller.abort();
  }, [projectId, status, batch, annotated, uniqueId, cursor, reload]);

  const filters = [
    status && `with status ${status.replace('_', ' ')}`,
    batch && `in batch ${batch}`,
    annotated && (annotated === 'true' ? 'with annotations' : 'without annotations'),
    uniqueId && `with unique id ${uniqueId}`,
  ].filter(Boolean);
  return (
    <div class="tasks">
      <div class="table-head">
        <h2>Tasks</h2>
        <div class="row filters">
          <label class="row">Status
            <select name="status" value={status} onChange={e => setStatus(e.currentTarget.value)}>
              {statuses.map(s => <option value={s}>{s ? s.replace('_', ' ') : 'any'}</option>)}
            </select></label>
          {batches.length > 0 && <label class="row">Batch
            <select name="batch" value={batch} onChange={e => setBatch(e.currentTarget.value)}>
              <option value="">any</option>
              {batches.map(b => <option value={b.batch}>{b.batch}{b.paused ? ' (paused)' : ''}</option>)}
            </select></label>}
          <label class="row">Annotated
            <select name="has_annotations" value={annotated} onChange={e => setAnnotated(e.currentTarget.value)}>
              <option value="">any</option><option value="true">yes</option><option value="false">no</option>
            </select></label>
          <label class="row">Unique id
            <input name="unique_id" type="search" size={14} value={uniqueInput} onInput={e => { setUniqueInput(e.currentTarget.value); applyUniqueId(e.currentTarget.value); }} /></label>
        </div>
      </div>
      <ErrorBox error={error} />
      {page && page.items.length === 0 && <p class="empty">No tasks{filters.length ? ' ' + filters.join(', ') : ''}.{filters.length ? '' : ' Import some above.'}</p>}
      {page && page.items.length > 0 && (
        <table class="grid" data-testid="tasks-table">
          <thead><tr><th>ID</th><th>Data</th><th>Status</th><th>Annotations</th><th>Created</th><th></th></tr></thead>
          <tbody>{page.items.map(t => (
            <tr key={t.id}>
              <td><a href={`/projects/${projectId}/tasks/${t.id}`} aria-label={`task ${t.id}`}>{t.id}</a></td>
              <td class="data-cell" title={JSON.stringify(t.data)}>{summarize(t.data)}</td>
              <td><span class={`status status-${t.status}`}>{t.status.replace('_', ' ')}</span></td>
              <td>{t.annotation_count}</td>
              <td>{formatDate(t.created_at)}</td>
              <td class="actions"><a href={`/projects/${projectId}/tasks/${t.id}/label`}>Label</a></td>
            </tr>))}
          </tbody>
        </table>)}
      <div class="pager">
        <button disabled={cursors.length <= 1} onClick={() => setCursors(c => c.slice(0, -1))}>← Previous</button>
        <span class="muted">Page {cursors.length}</span>
        <button disabled={!page?.next_cursor} onClick={() => page?.next_cursor && setCursors(c => [...c, page.next_cursor!])}>Next →</button>
      </div>
    </div>
  );
}

function summarize(data: Record<string, unknown>): string {
  const text = Object.entries(data).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' · ');
  return text.length > 140 ? text.slice(0, 140) + '…' : text;
}

function ImportPanel({ projectId, onImported }: { projectId: number; onImported: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);

  async function start(e: Event) {
    e.preventDefault();
    const files = input.current?.files;
    if (!files || files.length === 0) return;
    const form = new FormData();
    for (const f of Array.from(files)) form.append('file', f, f.name);
    setResult(null); setError(null); setProgress(0);
    controller.current = new AbortController();
    try {
      const r = await upload<ImportResult>(`/api/v1/projects/${projectId}/import`, form, (sent, total) => setProgress(sent / total), controller.current.signal);
      setProgress(1); setResult(r); onImported();
      if (input.current) input.current.value = '';
    } catch (err) { setError(err); setProgress(null); } finally { controller.current = null; }
  }

  return (
    <form class="panel" onSubmit={start} aria-label="Import tasks">
      <h2>Import</h2>
      <p class="hint">JSON, JSON Lines, CSV or TSV files of tasks (Label Studio's task format or flat rows), a .txt list of URLs, or a .zip of images or audio (one task per file).</p>
      <input ref={input} type="file" name="file" aria-label="Files to import" multiple accept=".json,.jsonl,.ndjson,.csv,.tsv,.txt,.zip" />
      <div class="row">
        <button class="primary" type="submit" disabled={progress !== null && progress < 1 && !result && !error}>Upload</button>
        {controller.current && <button type="button" onClick={() => controller.current?.abort()}>Cancel</button>}
      </div>
      {progress !== null && <div class="progress" role="progressbar" aria-label="upload" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)}>
        <div class="bar" style={{ width: `${Math.round(progress * 100)}%` }} />
        <span>{progress < 1 ? `Uploading ${Math.round(progress * 100)}%` : result ? 'Done' : 'Processing on the server…'}</span>
      </div>}
      {result && <p class="ok" data-testid="import-result">Imported {result.created} task{result.created === 1 ? '' : 's'}{result.skipped ? `, skipped ${result.skipped} already present` : ''}{result.predictions ? `, ${result.predictions} predictions` : ''}.</p>}
      {error instanceof ApiError && error.line ? <p class="error">Line {error.line}: {error.detail}</p> : <ErrorBox error={error} />}
    </form>
  );
}

