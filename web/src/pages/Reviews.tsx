import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import type { Review } from '../types';
import { ErrorBox, formatDate } from './common';

interface ReviewPage { items: Review[]; next_cursor: number | null }

/**
 * Review decisions of a project: an annotator sees those on their own annotations (with the reviewer's comment),
 * reviewers and managers see every decision, newest pages on demand.
 */
export function ReviewsPage({ projectId }: { projectId: number }) {
  const [items, setItems] = useState<Review[]>([]);
  const [cursor, setCursor] = useState<number | null>(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  async function load(from: number) {
    setLoading(true);
    try {
      const page = await get<ReviewPage>(`/api/v1/projects/${projectId}/reviews?limit=100${from ? `&cursor=${from}` : ''}`);
      setItems(list => from ? [...list, ...page.items] : page.items);
      setCursor(page.next_cursor);
    } catch (e) { setError(e); } finally { setLoading(false); }
  }
  useEffect(() => { load(0); }, [projectId]);

  return (
    <section class="page">
      <div class="page-head"><h1>Review decisions</h1><a class="button" href={`/projects/${projectId}`}>Back to the project</a></div>
      <ErrorBox error={error} />
      {!loading && items.length === 0 && !error && <p class="empty" data-testid="reviews-empty">No review decisions yet.</p>}
      {items.length > 0 && (
        <table class="grid" data-testid="reviews-table">
          <thead><tr><th>When</th><th>Task</th><th>Annotation</th><th>Annotator</th><th>Decision</th><th>Comment</th></tr></thead>
          <tbody>{items.map(r => (
            <tr key={r.id}>
              <td>{formatDate(r.created_at)}</td><td>#{r.task}</td><td>#{r.annotation}</td><td>user {r.annotator_id}</td>
              <td><span class={`badge review-${r.decision}`}>{r.decision}</span></td>
              <td class="comment-cell">{r.comment ?? ''}</td>
            </tr>))}
          </tbody>
        </table>)}
      {cursor ? <div class="pager"><button onClick={() => load(cursor)} disabled={loading}>More</button></div> : null}
    </section>
  );
}
