import { useEffect, useState } from 'preact/hooks';
import { api, get, post } from '../api';
import { ErrorBox, formatDate } from './common';

interface Progress {
  tasks: Record<string, number>; gold_tasks: number; live_leases: number; annotations_today: number; annotations_last_hour: number;
  active_annotators: number;
  annotators: { user_id: number; annotations: number; annotations_today: number; skipped: number; live_leases: number; last_annotation_at: string | null; gold_answered: number; gold_accuracy: number | null }[];
}
interface Member { user_id: number; email: string; name: string; role: string; paused: boolean; paused_reason: string | null; qualified_at: string | null }

/** The project's numbers: tasks by status, live leases, throughput and each annotator's work and gold accuracy. */
export function ProgressPanel({ projectId, reload }: { projectId: number; reload: number }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const load = () => get<Progress>(`/api/v1/projects/${projectId}/progress`).then(p => { setProgress(p); setError(null); }, setError);
    load();
    const t = setInterval(load, 15_000);
    return () => clearInterval(t);
  }, [projectId, reload]);
  if (error) return <ErrorBox error={error} />;
  if (!progress) return null;
  const total = Object.values(progress.tasks).reduce((a, b) => a + b, 0);
  const done = progress.tasks.completed ?? 0;
  return (
    <div class="panel progress-panel" data-testid="progress">
      <h2>Progress</h2>
      <div class="progress" role="progressbar" aria-label="completed tasks" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <div class="bar" style={{ width: total ? `${(done / total) * 100}%` : '0%' }} /><span>{done} of {total} tasks completed</span>
      </div>
      <div class="stats">
        {Object.entries(progress.tasks).map(([s, n]) => <span><strong>{n}</strong> {s.replace('_', ' ')}</span>)}
        <span><strong>{progress.live_leases}</strong> being labeled</span>
        <span><strong>{progress.annotations_last_hour}</strong> last hour</span>
        <span><strong>{progress.annotations_today}</strong> today</span>
        <span><strong>{progress.gold_tasks}</strong> gold</span>
      </div>
      {progress.annotators.length > 0 && <table class="grid compact">
        <thead><tr><th>Annotator</th><th>Annotations</th><th>Today</th><th>Skipped</th><th>Gold accuracy</th><th>Last</th></tr></thead>
        <tbody>{progress.annotators.map(a => <tr><td>#{a.user_id}</td><td>{a.annotations}</td><td>{a.annotations_today}</td><td>{a.skipped}</td>
          <td>{a.gold_accuracy === null ? '–' : `${Math.round(a.gold_accuracy * 100)}% of ${a.gold_answered}`}</td><td>{formatDate(a.last_annotation_at)}</td></tr>)}</tbody>
      </table>}
    </div>
  );
}

/** Who may work on the project, in which role; paused annotators can be reinstated. */
export function MembersPanel({ projectId }: { projectId: number }) {
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState('annotator');
  const load = () => get<Member[]>(`/api/v1/projects/${projectId}/members`).then(m => { setMembers(m); }, setError);
  useEffect(() => { load(); }, [projectId]);
  const act = async (f: () => Promise<unknown>) => { setError(null); try { await f(); await load(); } catch (e) { setError(e); } };
  return (
    <div class="panel" data-testid="members">
      <h2>Members</h2>
      {members && members.length === 0 && <p class="muted">No members yet: admins see every project; others need a role here.</p>}
      {members && members.length > 0 && <table class="grid compact"><tbody>{members.map(m => (
        <tr><td>{m.name || m.email}<div class="muted">{m.email} · #{m.user_id}</div>{m.paused && <div class="error">Paused: {m.paused_reason}</div>}</td>
          <td><select aria-label={`role of ${m.email}`} value={m.role} onChange={e => act(() => api('PUT', `/api/v1/projects/${projectId}/members/${m.user_id}`, { role: e.currentTarget.value }))}>
            <option>annotator</option><option>reviewer</option><option>manager</option></select></td>
          <td class="actions">{m.paused && <button onClick={() => act(() => post(`/api/v1/projects/${projectId}/members/${m.user_id}/reinstate`))}>Reinstate</button>}
            <button class="link" onClick={() => act(() => api('DELETE', `/api/v1/projects/${projectId}/members/${m.user_id}`))}>Remove</button></td></tr>))}
      </tbody></table>}
      <form class="row" onSubmit={e => { e.preventDefault(); act(() => api('PUT', `/api/v1/projects/${projectId}/members/${+userId}`, { role })).then(() => setUserId('')); }}>
        <input name="user_id" type="number" min={1} placeholder="user id" required value={userId} onInput={e => setUserId(e.currentTarget.value)} aria-label="User id" />
        <select name="role" value={role} onChange={e => setRole(e.currentTarget.value)} aria-label="Role"><option>annotator</option><option>reviewer</option><option>manager</option></select>
        <button type="submit">Add member</button>
      </form>
      <ErrorBox error={error} />
    </div>
  );
}
