import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, get, post } from '../api';
import { navigate } from '../router';
import type { Lease, LabelConfig, Project, Result, Task, TaskPage } from '../types';
import { Workspace } from '../editor/Workspace';
import { preloadEditors, preloadEditorsFor } from '../editor/lazy';
import { ErrorBox } from './common';

type Work =
  | { kind: 'loading' }
  | { kind: 'task'; task: Task; lease?: Lease }
  | { kind: 'empty'; message: string }
  | { kind: 'error'; error: unknown };

/**
 * The annotator's workspace. With a task id it labels that task (a manager's "label this task"); without one it
 * takes tasks from the project's queue, holding a lease that is renewed while the page is open. Servers without the
 * queue fall back to the next queued task by id.
 */
export function LabelPage({ projectId, taskId }: { projectId: number; taskId?: number }) {
  const [project, setProject] = useState<Project | null>(null);
  const [config, setConfig] = useState<LabelConfig | null>(null);
  const [work, setWork] = useState<Work>({ kind: 'loading' });
  const [status, setStatus] = useState<string | null>(null);
  const [queueMissing, setQueueMissing] = useState(false);

  useEffect(() => {
    (async () => {
      try {
        // The project with its parsed configuration, and the task, side by side; the editor's code starts loading as
        // soon as the configuration says which one it is.
        const setup = (async () => {
          const p = await get<Project>(`/api/v1/projects/${projectId}`);
          preloadEditorsFor(p.label_config);
          const c = await post<LabelConfig>('/api/v1/label-configs/validate', { label_config: p.label_config });
          preloadEditors(c);
          return [p, c] as const;
        })();
        const first = taskId
          ? get<Task>(`/api/v1/projects/${projectId}/tasks/${taskId}`).then(task => { setWork({ kind: 'task', task }); return task; })
          : takeNext(false);
        const [[p, c], task] = await Promise.all([setup, first]);
        if (task) prefetchMedia(c, task);
        setProject(p); setConfig(c);
      } catch (e) { setWork({ kind: 'error', error: e }); }
    })();
  }, [projectId, taskId]);

  /** Starts downloading the task's images while the image editor's code loads (the editor's <img> then finds them cached). */
  function prefetchMedia(c: LabelConfig, task: Task) {
    for (const o of c.object_tags) {
      const src = o.kind === 'Image' && o.variable ? task.data[o.variable] : undefined;
      if (typeof src === 'string' && src) new Image().src = src;
    }
  }

  /** Shows the next task (from the queue, or by id when there is no queue) and returns it; null when there is none. */
  async function takeNext(fallback: boolean, after = 0): Promise<Task | null> {
    if (!fallback) {
      try {
        const response = await api<Lease | undefined>('POST', `/api/v1/projects/${projectId}/next`, {});
        if (!response) { setWork({ kind: 'empty', message: 'Nothing to label right now: every task you may take is done or held by someone else.' }); return null; }
        setWork({ kind: 'task', task: response.task, lease: response });
        return response.task;
      } catch (e) {
        if (e instanceof ApiError && e.status === 403) { setWork({ kind: 'empty', message: e.detail ?? e.title }); return null; }
        if (!(e instanceof ApiError && (e.status === 404 || e.status === 405))) throw e;
        setQueueMissing(true);
      }
    }
    const page = await get<TaskPage>(`/api/v1/projects/${projectId}/tasks?status=queued&limit=1&cursor=${after}`);
    const next = page.items[0] ?? (after ? (await get<TaskPage>(`/api/v1/projects/${projectId}/tasks?status=queued&limit=1`)).items[0] : undefined);
    if (!next) { setWork({ kind: 'empty', message: 'No queued tasks left in this project.' }); return null; }
    if (taskId) { navigate(`/projects/${projectId}/tasks/${next.id}/label`); return null; }
    setWork({ kind: 'task', task: next });
    return next;
  }

  // Renew the lease while the page is open: at a third of its remaining time, between 2 s and 60 s.
  const lease = work.kind === 'task' ? work.lease : undefined;
  const [expiresAt, setExpiresAt] = useState<string | null>(null);
  useEffect(() => {
    if (!lease) { setExpiresAt(null); return; }
    setExpiresAt(lease.expires_at);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = (expires: string) => {
      const left = Date.parse(expires) - Date.now();
      timer = setTimeout(beat, Math.min(60_000, Math.max(2_000, left / 3)));
    };
    const beat = async () => {
      try {
        const r = await post<{ lease_id: number; expires_at: string }>(`/api/v1/projects/${projectId}/leases/${lease.lease_id}/heartbeat`);
        if (stopped) return;
        setExpiresAt(r.expires_at); schedule(r.expires_at);
      } catch (e) {
        if (!stopped) setStatus(`Your hold on this task was lost (${e instanceof Error ? e.message : e}); submitting may fail.`);
      }
    };
    schedule(lease.expires_at);
    return () => { stopped = true; clearTimeout(timer); };
  }, [lease?.lease_id]);

  async function submit(result: Result[], leadTime: number) {
    if (work.kind !== 'task') return;
    const body: Record<string, unknown> = { result, lead_time: leadTime };
    if (work.lease) body.lease_id = work.lease.lease_id;
    await post(`/api/v1/projects/${projectId}/tasks/${work.task.id}/annotations`, body);
    setStatus(`Task #${work.task.id} submitted.`);
    setWork({ kind: 'loading' });
    try { await takeNext(!!taskId || queueMissing, work.task.id); } catch (e) { setWork({ kind: 'error', error: e }); }
  }

  async function skip(reason: string) {
    if (work.kind !== 'task') return;
    if (work.lease) await post(`/api/v1/projects/${projectId}/leases/${work.lease.lease_id}/skip`, { reason });
    setStatus(`Task #${work.task.id} skipped.`);
    setWork({ kind: 'loading' });
    try { await takeNext(!!taskId || queueMissing, work.task.id); } catch (e) { setWork({ kind: 'error', error: e }); }
  }

  if (work.kind === 'error') return <section class="page"><ErrorBox error={work.error} /></section>;
  if (!project || !config || work.kind === 'loading') return <section class="page"><p class="muted">Loading the next task…</p></section>;
  if (work.kind === 'empty') {
    return (
      <section class="page">
        {status && <p class="ok">{status}</p>}
        <div class="empty" data-testid="queue-empty"><h2>All done</h2><p>{work.message}</p>
          <div class="row"><button class="primary" onClick={() => { setWork({ kind: 'loading' }); takeNext(queueMissing).catch(e => setWork({ kind: 'error', error: e })); }}>Check again</button>
            <a class="button" href={`/projects/${projectId}`}>Back to the project</a>
            <a class="button" href={`/projects/${projectId}/reviews`}>Reviews of your work</a></div></div>
      </section>);
  }
  return <Workspace key={work.task.id} project={project} config={config} task={work.task} predictions={work.lease?.predictions}
    expiresAt={expiresAt} onSubmit={submit} onSkip={skip} status={status} />;
}
