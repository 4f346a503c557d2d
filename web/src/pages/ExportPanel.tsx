import { useEffect, useState } from 'preact/hooks';
import { download, get, post } from '../api';
import { ErrorBox } from './common';

const exportFormats: [string, string][] = [
  ['json', 'Label Studio JSON'], ['jsonl', 'JSON Lines'], ['csv', 'CSV'], ['json_min', 'JSON-MIN'],
  ['coco', 'COCO'], ['yolo', 'YOLO (zip)'], ['voc', 'Pascal VOC (zip)'], ['conll2003', 'CoNLL 2003'],
  ['sft', 'SFT JSONL'], ['preference', 'Preference JSONL'], ['parquet', 'Parquet'],
];
const annotationChoices: [string, string][] = [
  ['all', 'All annotations'], ['consensus', 'Consensus where there is one'], ['consensus_only', 'Only tasks with a consensus'],
];

/** An export job as GET /api/v1/projects/{id}/exports/{job} answers (docs/api.md). */
interface ExportJob {
  id: number;
  format: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { tasks_written: number; tasks_total: number | null };
  bytes: number;
  file_name: string | null;
  error: string | null;
  download_url: string | null;
}

const pollMs = 500;

function describe(job: ExportJob): string {
  const { tasks_written: done, tasks_total: total } = job.progress;
  switch (job.state) {
    case 'queued': return 'Queued…';
    case 'running': return total === null ? 'Starting…' : `Exporting: ${done.toLocaleString()} of ${total.toLocaleString()} tasks`;
    case 'succeeded': return `Done: ${done.toLocaleString()} tasks, ${(job.bytes / 1024).toFixed(1)} KiB`;
    default: return 'Failed';
  }
}

/** Starts a background export job, shows its progress while the server works, and offers the finished file. */
export function ExportPanel({ projectId }: { projectId: number }) {
  const [format, setFormat] = useState('json');
  const [annotations, setAnnotations] = useState('all');
  const [job, setJob] = useState<ExportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const running = job !== null && (job.state === 'queued' || job.state === 'running');

  useEffect(() => {
    if (job === null || !running) return;
    const timer = setTimeout(async () => {
      try { setJob(await get<ExportJob>(`/api/v1/projects/${projectId}/exports/${job.id}`)); }
      catch (err) { setError(err); setJob(null); }
    }, pollMs);
    return () => clearTimeout(timer);
  }, [job, running, projectId]);

  async function start(e: Event) {
    e.preventDefault();
    setBusy(true); setError(null); setJob(null);
    try { setJob(await post<ExportJob>(`/api/v1/projects/${projectId}/exports`, { format, annotations })); }
    catch (err) { setError(err); } finally { setBusy(false); }
  }

  async function save() {
    if (!job?.download_url) return;
    try { await download(job.download_url, job.file_name ?? `project-${projectId}-export-${job.id}`); }
    catch (err) { setError(err); }
  }

  return (
    <form class="panel" onSubmit={start} aria-label="Export">
      <h2>Export</h2>
      <p class="hint">Runs as a background job on the server; the finished file is kept for download.</p>
      <label class="row">Format
        <select name="format" value={format} onChange={e => setFormat(e.currentTarget.value)}>
          {exportFormats.map(([v, label]) => <option value={v}>{label}</option>)}
        </select></label>
      <label class="row">Annotations
        <select name="annotations" value={annotations} onChange={e => setAnnotations(e.currentTarget.value)}>
          {annotationChoices.map(([v, label]) => <option value={v}>{label}</option>)}
        </select></label>
      <button class="primary" type="submit" disabled={busy || running}>{running ? 'Exporting…' : 'Start export'}</button>
      {job && (
        <div role="status" aria-label="Export job">
          <progress max={job.progress.tasks_total || 1} value={job.state === 'succeeded' ? (job.progress.tasks_total || 1) : job.progress.tasks_written} />
          <span> {describe(job)}</span>
          {job.state === 'succeeded' && <button type="button" onClick={save}>Download {job.file_name}</button>}
          {job.state === 'failed' && <p class="error">Export failed: {job.error}</p>}
        </div>
      )}
      <ErrorBox error={error} />
    </form>
  );
}
