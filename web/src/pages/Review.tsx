import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, get, post } from '../api';
import type { Annotation, LabelConfig, Project, Result, Review, ReviewItem, ReviewSummary } from '../types';
import { Workspace } from '../editor/Workspace';
import { isTyping } from '../editor/hotkeys';
import { ErrorBox, formatDate } from './common';

type Work =
  | { kind: 'loading' }
  | { kind: 'item'; item: ReviewItem; mode: 'view' | 'fix' }
  | { kind: 'empty'; summary: ReviewSummary | null }
  | { kind: 'error'; error: unknown };

export const reviewShortcuts: [string, string][] = [
  ['A or Ctrl+Enter', 'accept the annotation and take the next'],
  ['R', 'reject: write what is wrong (required), then Ctrl+Enter or Reject'],
  ['F', 'fix: edit the annotation in place, then Ctrl+Enter saves the fix'],
  ['Escape', 'close the reject box'],
  ['+ / − / 0', 'image: zoom in / out / fit'],
  ['Space', 'audio: play / pause'],
  ['?', 'this help'],
];

/**
 * The reviewer's workspace: takes the next annotation from the project's review queue (held by a review lease that
 * is renewed while the page is open), shows it read-only in the editor with the task's consensus and other
 * annotations, and records a decision: accept, reject with a comment, or fix in place.
 */
export function ReviewPage({ projectId }: { projectId: number }) {
  const [project, setProject] = useState<Project | null>(null);
  const [config, setConfig] = useState<LabelConfig | null>(null);
  const [work, setWork] = useState<Work>({ kind: 'loading' });
  const [status, setStatus] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [expiresAt, setExpiresAt] = useState<string | null>(null);

  useEffect(() => {
    (async () => {
      try {
        const p = await get<Project>(`/api/v1/projects/${projectId}`);
        const c = await post<LabelConfig>('/api/v1/label-configs/validate', { label_config: p.label_config });
        setProject(p); setConfig(c);
        await takeNext();
      } catch (e) { setWork({ kind: 'error', error: e }); }
    })();
  }, [projectId]);

  async function takeNext() {
    setWork({ kind: 'loading' }); setRejecting(false); setError(null);
    try {
      const item = await api<ReviewItem | undefined>('POST', `/api/v1/projects/${projectId}/review/next`, {});
      if (item) { setWork({ kind: 'item', item, mode: 'view' }); setExpiresAt(item.expires_at); return; }
      const summary = await get<ReviewSummary>(`/api/v1/projects/${projectId}/review/summary`).catch(() => null);
      setWork({ kind: 'empty', summary });
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) setWork({ kind: 'error', error: new Error('Reviewing needs the reviewer or manager role on this project.') });
      else setWork({ kind: 'error', error: e });
    }
  }

  // Keep the review lease while the page is open: asking again for the next item renews the one held.
  const held = work.kind === 'item' ? work.item.annotation.id : null;
  useEffect(() => {
    if (held === null || !expiresAt) return;
    const left = Date.parse(expiresAt) - Date.now();
    const timer = setTimeout(async () => {
      try {
        const again = await api<ReviewItem | undefined>('POST', `/api/v1/projects/${projectId}/review/next`, {});
        if (again?.annotation.id === held) setExpiresAt(again.expires_at);
        else setStatus('Your hold on this annotation was lost; deciding may fail.');
      } catch { setStatus('Your hold on this annotation could not be renewed; deciding may fail.'); }
    }, Math.min(60_000, Math.max(2_000, left / 3)));
    return () => clearTimeout(timer);
  }, [held, expiresAt]);

  async function decide(body: { decision: 'accepted' | 'rejected' | 'fixed'; comment?: string; result?: Result[] }) {
    if (work.kind !== 'item' || busy) return;
    setBusy(true); setError(null);
    try {
      const review = await post<Review>(`/api/v1/projects/${projectId}/annotations/${work.item.annotation.id}/reviews`, body);
      setStatus(`Annotation #${review.annotation} ${review.decision}` + (review.decision === 'rejected' ? ` — task #${review.task} is back in the queue.` : '.'));
      await takeNext();
    } catch (e) { setError(e); } finally { setBusy(false); }
  }

  const mode = work.kind === 'item' ? work.mode : null;
  const setMode = (m: 'view' | 'fix') => { if (work.kind === 'item') setWork({ ...work, mode: m }); };
  const onKey = (e: KeyboardEvent): boolean => {
    if (rejecting) return true; // the reject box handles its own keys
    if (mode !== 'view' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return false;
    const key = e.key.toLowerCase();
    if (key === 'a') { e.preventDefault(); decide({ decision: 'accepted' }); return true; }
    if (key === 'r') { e.preventDefault(); setRejecting(true); return true; }
    if (key === 'f') { e.preventDefault(); setMode('fix'); return true; }
    return false;
  };

  if (work.kind === 'error') return <section class="page"><ErrorBox error={work.error} /><a href={`/projects/${projectId}`}>Back to the project</a></section>;
  if (!project || !config || work.kind === 'loading') return <section class="page"><p class="muted">Loading the next annotation to review…</p></section>;
  if (work.kind === 'empty') return <section class="page"><NothingToReview projectId={projectId} summary={work.summary} status={status} onRetry={takeNext} /></section>;

  const { item } = work;
  const annotation = item.annotation;
  const fixing = work.mode === 'fix';
  const actions = (submit: () => void, saving: boolean) => fixing
    ? <>
        <button type="button" onClick={() => setMode('view')} disabled={busy || saving}>Cancel fix</button>
        <button type="button" class="primary" onClick={submit} disabled={busy || saving} title="Save the fix (Ctrl+Enter)">Save fix <kbd>Ctrl+Enter</kbd></button>
      </>
    : <>
        <button type="button" class="review-accept" onClick={() => decide({ decision: 'accepted' })} disabled={busy} title="Accept (A or Ctrl+Enter)"><kbd>A</kbd>Accept</button>
        <button type="button" class="review-reject" onClick={() => setRejecting(true)} disabled={busy} title="Reject with a comment (R)"><kbd>R</kbd>Reject</button>
        <button type="button" onClick={() => setMode('fix')} disabled={busy} title="Fix in place (F)"><kbd>F</kbd>Fix</button>
      </>;
  const banner = (
    <div class={fixing ? 'review-banner fixing' : 'review-banner'} data-testid="review-banner">
      <strong>{fixing ? 'Fixing' : 'Reviewing'} annotation #{annotation.id}</strong>
      <span>by user {annotation.completed_by}{annotation.created_at ? `, ${formatDate(annotation.created_at)}` : ''}</span>
      <span>task status: {item.task.status.replace('_', ' ')}</span>
      {fixing && <span>Edit the result, then save: your fix becomes the accepted answer and the original is kept.</span>}
      <ErrorBox error={error} />
    </div>);
  const aside = <ReviewContext item={item} />;
  return (
    <>
      <Workspace key={`${annotation.id}-${work.mode}`} project={project} config={config} task={item.task}
        initial={(annotation.result ?? []).map(r => ({ ...r }))} readOnly={!fixing} expiresAt={expiresAt} status={status}
        onSubmit={async result => { await decide(fixing ? { decision: 'fixed', result } : { decision: 'accepted' }); }}
        actions={actions} onKey={onKey} banner={banner} aside={aside} helpList={reviewShortcuts} />
      {rejecting && <RejectDialog busy={busy} onCancel={() => setRejecting(false)} onReject={comment => decide({ decision: 'rejected', comment })} />}
    </>
  );
}

function NothingToReview({ projectId, summary, status, onRetry }: { projectId: number; summary: ReviewSummary | null; status: string | null; onRetry: () => void }) {
  const retry = useRef<HTMLButtonElement>(null);
  useEffect(() => { retry.current?.focus(); }, []); // keyboard users land on the one thing to do
  const why = !summary ? 'There is nothing for you to review right now.'
    : summary.review_policy === 'none' ? 'This project has no review queue: a manager sets the review policy (all, or uncertain) in the project settings.'
    : summary.pending > 0 ? `The ${summary.pending} annotation${summary.pending === 1 ? '' : 's'} still waiting are your own or held by another reviewer.`
    : summary.review_policy === 'uncertain' ? 'No completed task has a consensus below the review threshold.'
    : 'Every annotation the review policy selects has been reviewed.';
  return (
    <>
      {status && <p class="ok" role="status">{status}</p>}
      <div class="empty" data-testid="review-empty">
        <h2>Nothing to review</h2>
        <p>{why}</p>
        {summary && <p class="muted">Decisions so far: {summary.accepted} accepted, {summary.rejected} rejected, {summary.fixed} fixed.</p>}
        <div class="row"><button ref={retry} class="primary" onClick={onRetry}>Check again</button><a class="button" href={`/projects/${projectId}`}>Back to the project</a></div>
      </div>
    </>
  );
}

/** The task's consensus and its other annotations, beside the one under review. */
function ReviewContext({ item }: { item: ReviewItem }) {
  return (
    <section class="review-context" aria-label="Review context">
      <h3>Consensus</h3>
      {item.consensus
        ? <p data-testid="review-consensus"><strong>{item.consensus.label}</strong> <span class="muted">confidence {item.consensus.confidence.toFixed(2)} ({item.consensus.method}, {item.consensus.annotations} annotation{item.consensus.annotations === 1 ? '' : 's'})</span></p>
        : <p class="muted">None yet.</p>}
      <h3>Other annotations ({item.other_annotations.length})</h3>
      {item.other_annotations.length === 0 ? <p class="muted">None.</p> : (
        <ul class="other-annotations">{item.other_annotations.map(a => (
          <li key={a.id}><span class="muted">#{a.id} by user {a.completed_by}</span>
            {a.review_state && <span class={`badge review-${a.review_state}`}>{a.review_state}</span>}
            <div>{summarize(a)}</div></li>))}
        </ul>)}
    </section>
  );
}

/** A short text for a result: its choices, labels (with the text they mark), ratings and typed text. */
function summarize(annotation: Annotation): string {
  const parts: string[] = [];
  for (const r of annotation.fixed_result ?? annotation.result ?? []) {
    const v = r.value ?? {};
    if (Array.isArray(v.choices)) parts.push(v.choices.join(', '));
    else if (Array.isArray(v.text)) parts.push(`“${v.text.join(' ')}”`);
    else if (typeof v.rating === 'number') parts.push(`${v.rating}★`);
    else if (v.selected) parts.push(`prefers ${v.selected}`);
    else {
      const labels = v[r.type];
      if (Array.isArray(labels)) parts.push(labels.join(', ') + (typeof v.text === 'string' ? ` “${v.text}”` : ''));
    }
  }
  return parts.length ? parts.join(' · ') : '(empty)';
}

function RejectDialog({ busy, onCancel, onReject }: { busy: boolean; onCancel: () => void; onReject: (comment: string) => void }) {
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<Element | null>(document.activeElement);
  useEffect(() => { box.current?.focus(); return () => { (opener.current as HTMLElement | null)?.focus?.(); }; }, []);
  const submit = () => { if (comment.trim()) onReject(comment.trim()); else { setMissing(true); box.current?.focus(); } };
  return (
    <div class="modal" role="dialog" aria-modal="true" aria-label="Reject this annotation"
      onKeyDown={e => {
        if (e.key === 'Escape') { e.preventDefault(); onCancel(); }
        else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(); }
      }}>
      <form class="card" onSubmit={e => { e.preventDefault(); submit(); }}>
        <h2>Reject this annotation</h2>
        <p class="hint">The task goes back to the queue for another annotator; the author sees your comment.</p>
        <label>What is wrong (required)
          <textarea ref={box} name="comment" rows={4} required maxLength={2000} value={comment} aria-invalid={missing}
            onInput={e => { setComment(e.currentTarget.value); setMissing(false); }} /></label>
        {missing && <p class="error" role="alert">A rejection needs a comment.</p>}
        <div class="row"><button type="button" onClick={onCancel}>Cancel <kbd>Esc</kbd></button>
          <button class="primary review-reject" type="submit" disabled={busy}>Reject <kbd>Ctrl+Enter</kbd></button></div>
      </form>
    </div>
  );
}
