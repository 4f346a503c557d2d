import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ComponentChild } from 'preact';
import type { LabelConfig, Prediction, Project, Result, Task } from '../types';
import { EditorStore, regionId, useStore } from './store';
import { assignHotkeys, findHotkey, isTyping } from './hotkeys';
import { ChoicesControl, LabelsControl, NumberControl, PairwiseControl, RatingControl, RegionList, TextAreaControl, labelKinds, pickLabel, toggleChoice } from './Controls';
import { TextObject } from './TextObject';
import { Lazy } from './lazy';
import { ListObject } from './ListObject';
import { useMediaSrc } from './media';

/** Active labels outlive a task: the next one starts with the same label picked. */
const stickyLabels = new Map<number, Map<string, string | null>>();

export interface WorkspaceProps {
  project: Project;
  config: LabelConfig;
  task: Task;
  predictions?: Prediction[];
  /** Seconds the lease has left, shown as a countdown. */
  expiresAt?: string | null;
  onSubmit: (result: Result[], leadTime: number) => Promise<void>;
  onSkip?: (reason: string) => Promise<void>;
  status?: string | null;
  /** Results to start from instead of the pre-labels (the review page shows the annotation under review). */
  initial?: Result[];
  /** View only: the task and its results cannot be changed (Ctrl+Enter still calls onSubmit, without asking). */
  readOnly?: boolean;
  /** Replaces the bar's Skip and Submit buttons; given the editor's submit (what Ctrl+Enter does). */
  actions?: (submit: () => void, busy: boolean) => ComponentChildren;
  /** The page's own keys, seen before the editor's; return true when handled. */
  onKey?: (e: KeyboardEvent) => boolean;
  /** Shown above the task (what is being reviewed), and at the end of the sidebar (consensus, other annotations). */
  banner?: ComponentChildren;
  aside?: ComponentChildren;
  /** The shortcuts the help (?) lists, when the page has its own. */
  helpList?: [string, string][];
}

/** Fills the results from the best prediction, as pre-labels the annotator accepts, edits or clears. */
function preLabels(predictions: Prediction[] | undefined): { results: Result[]; from: Prediction | null } {
  if (!predictions?.length) return { results: [], from: null };
  const best = [...predictions].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
  return { results: (best.result ?? []).map(r => ({ ...r, id: r.id || regionId(), origin: 'prediction' })), from: best };
}

export function Workspace({ project, config, task, predictions, expiresAt, onSubmit, onSkip, status, initial, readOnly, actions, onKey, banner, aside, helpList }: WorkspaceProps) {
  const pre = useMemo(() => initial ? { results: initial, from: null } : preLabels(predictions), [task.id]);
  const store = useMemo(() => new EditorStore(config, pre.results, stickyLabels.get(project.id)), [task.id]);
  useStore(store);
  const hotkeys = useMemo(() => assignHotkeys(config), [config]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [skipping, setSkipping] = useState(false);
  const [help, setHelp] = useState(false);
  const timer = useLeadTime(task.id);

  useEffect(() => { stickyLabels.set(project.id, store.active); }, [store]);

  async function submit() {
    if (busy) return;
    const empty = store.results.length === 0;
    if (empty && !readOnly && !confirm('Submit an empty annotation?')) return;
    setBusy(true); setError(null);
    store.select(null); // editing handles come down before the task does
    try {
      const result = store.results.map(({ readonly: _r, ...r }) => r);
      await onSubmit(result, timer.seconds());
    } catch (e) { setError(e instanceof Error ? e.message : String(e)); } finally { setBusy(false); }
  }

  async function skip(reason: string) {
    if (!onSkip) return;
    setBusy(true); setError(null);
    store.select(null);
    try { await onSkip(reason); } catch (e) { setError(e instanceof Error ? e.message : String(e)); } finally { setBusy(false); setSkipping(false); }
  }

  const pairwise = config.control_tags.find(c => c.kind === 'Pairwise');
  const keyHandler = useRef<(e: KeyboardEvent) => void>(null);
  keyHandler.current = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (!help && onKey?.(e)) return;
    if (mod && e.key === 'Enter') { e.preventDefault(); e.stopPropagation(); submit(); return; }
    if (skipping || help) { if (e.key === 'Escape') { setSkipping(false); setHelp(false); } return; }
    if (isTyping(e.target)) { if (e.key === 'Escape') (e.target as HTMLElement).blur(); return; }
    if (readOnly) { // viewing: only the keys that change nothing
      if (e.key === '?' && !mod) setHelp(true);
      else if (!mod && !e.altKey && (e.key === '+' || e.key === '=' || e.key === '-' || e.key === '0'))
        dispatchEvent(new CustomEvent('groundwork:zoom', { detail: e.key === '-' ? 'out' : e.key === '0' ? 'fit' : 'in' }));
      return;
    }
    if (mod && !e.altKey && e.key.toLowerCase() === 'z') { e.preventDefault(); e.stopPropagation(); if (e.shiftKey) store.redo(); else store.undo(); return; }
    if (mod && e.key.toLowerCase() === 'y') { e.preventDefault(); e.stopPropagation(); store.redo(); return; }
    if (mod) return;
    if (e.altKey && e.code === 'KeyS' && onSkip) { e.preventDefault(); setSkipping(true); return; }
    if (e.altKey) return;
    if (e.key === 'Escape') { store.select(null); store.clearActive(); return; }
    if ((e.key === 'Delete' || e.key === 'Backspace') && store.selectedId) { e.preventDefault(); store.remove(store.selectedId); return; }
    if (e.key === '?') { setHelp(true); return; }
    if (pairwise && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      const side = e.key === 'ArrowLeft' ? 'left' : 'right';
      store.setValue(pairwise, store.resultOf(pairwise)?.value.selected === side ? null : { selected: side });
      return;
    }
    const hit = findHotkey(config, hotkeys, e.key);
    if (!hit && (e.key === '+' || e.key === '=' || e.key === '-' || e.key === '0')) {
      dispatchEvent(new CustomEvent('groundwork:zoom', { detail: e.key === '-' ? 'out' : e.key === '0' ? 'fit' : 'in' }));
      return;
    }
    if (!hit) return;
    e.preventDefault();
    if (hit.control.kind === 'Choices') toggleChoice(store, hit.control, hit.value);
    else pickLabel(store, hit.control, hit.value);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => keyHandler.current!(e);
    addEventListener('keydown', onKey, true); // capture: ahead of the annotation libraries' own undo keys
    return () => removeEventListener('keydown', onKey, true);
  }, []);

  const controlFor = (c: LabelConfig['control_tags'][number]) => {
    const props = { control: c, store, hotkeys };
    if (labelKinds.has(c.kind)) return <LabelsControl {...props} />;
    switch (c.kind) {
      case 'Choices': return <ChoicesControl {...props} />;
      case 'TextArea': return <TextAreaControl {...props} />;
      case 'Rating': return <RatingControl {...props} />;
      case 'Pairwise': return <PairwiseControl {...props} />;
      case 'Number': return <NumberControl {...props} />;
      case 'Rectangle': case 'Polygon': case 'KeyPoint':
        return <p class="muted">{c.kind === 'KeyPoint' ? 'Click the image to place a point.' : c.kind === 'Polygon' ? 'Click points on the image; close on the first one.' : 'Drag on the image to draw a box.'}</p>;
      case 'Ranker': return <p class="muted">Rank the items on the left: ↑/↓ or Alt+↑/↓ on a focused item.</p>;
      default: return <p class="muted">{c.kind} <code>{c.name}</code> is not supported in this editor yet.</p>;
    }
  };

  return (
    <div class="workspace" data-task={task.id}>
      <div class="workspace-bar">
        <a href={`/projects/${project.id}`}>{project.name}</a>
        <span class="task-id">Task #{task.id}</span>
        <span class="timer" title="time on this task">{timer.display}</span>
        {expiresAt && <LeaseClock expiresAt={expiresAt} />}
        <span class="spacer" />
        {!readOnly && <button type="button" onClick={() => store.undo()} disabled={!store.canUndo} title="Undo (Ctrl+Z)">↶ Undo</button>}
        {!readOnly && <button type="button" onClick={() => store.redo()} disabled={!store.canRedo} title="Redo (Ctrl+Shift+Z)">↷ Redo</button>}
        <button type="button" onClick={() => setHelp(true)} title="Keyboard shortcuts (?)">?</button>
        {actions ? actions(submit, busy) : <>
          {onSkip && <button type="button" onClick={() => setSkipping(true)} disabled={busy} title="Skip (Alt+S)">Skip</button>}
          <button type="button" class="primary" onClick={submit} disabled={busy} title="Submit and take the next task (Ctrl+Enter)">{busy ? 'Submitting…' : 'Submit'} <kbd>Ctrl+Enter</kbd></button>
        </>}
      </div>
      {banner}
      {status && <p class="status-line" role="status">{status}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      {pre.from && store.results.some(r => r.origin === 'prediction' || r.origin === 'prediction-changed') && (
        <p class="prelabel-banner">Pre-labeled by {pre.from.model_version ? <code>{pre.from.model_version}</code> : 'a model'}
          {pre.from.score !== undefined && pre.from.score !== null ? ` (score ${(+pre.from.score).toFixed(2)})` : ''}: check, edit and submit.
          <button type="button" class="link" onClick={() => store.set(store.results.filter(r => r.origin !== 'prediction'))}>Clear untouched pre-labels</button></p>)}
      <div class="workspace-body">
        <div class={readOnly ? 'objects read-only' : 'objects'} aria-label={readOnly ? 'the task, read-only' : undefined}>{objectRows(config).map(row => row.length === 2
          ? <div class="object-pair" key={row[0].name + task.id}>{row.map((o, i) => <div class="pair-side"><div class="object-caption">{i === 0 ? `← ${o.name}` : `${o.name} →`}</div><ObjectView tag={o} task={task} store={store} /></div>)}</div>
          : captioned(config) ? <div key={row[0].name + task.id}><div class="object-caption">{row[0].name}</div><ObjectView tag={row[0]} task={task} store={store} /></div>
          : <ObjectView key={row[0].name + task.id} tag={row[0]} task={task} store={store} />)}</div>
        <aside class="sidebar">
          {/* Read-only: the controls stay readable (also to screen readers) but disabled; the objects take no pointer input. */}
          <fieldset class="controls-group" disabled={readOnly}>
            {config.control_tags.map(c => <div key={c.name}>{controlFor(c)}</div>)}
            <RegionList store={store} />
          </fieldset>
          {aside}
          {project.instructions && <details class="instructions" open><summary>Instructions</summary><div class="instructions-text">{project.instructions}</div></details>}
        </aside>
      </div>
      {skipping && <SkipDialog onCancel={() => setSkipping(false)} onSkip={skip} />}
      {help && <ShortcutHelp onClose={() => setHelp(false)} list={helpList} />}
    </div>
  );
}

/**
 * The objects in document order, one to a row, except the two a Pairwise control compares, which share a row side by
 * side (left is ←, right is →) so the annotator reads them as a pair.
 */
function objectRows(config: LabelConfig): LabelConfig['object_tags'][] {
  const pair = config.control_tags.find(c => c.kind === 'Pairwise' && c.to_names.length === 2)?.to_names;
  const rows: LabelConfig['object_tags'][] = [];
  for (const o of config.object_tags) {
    if (pair && o.name === pair[1]) continue;
    if (pair && o.name === pair[0]) { const right = config.object_tags.find(x => x.name === pair[1]); rows.push(right ? [o, right] : [o]); continue; }
    rows.push([o]);
  }
  return rows;
}

/** With several text-like objects on the page, each is captioned with its name (prompt, answer …). */
function captioned(config: LabelConfig): boolean {
  return config.object_tags.filter(o => o.kind === 'Text' || o.kind === 'HyperText' || o.kind === 'List').length > 1;
}

function ObjectView({ tag, task, store }: { tag: LabelConfig['object_tags'][number]; task: Task; store: EditorStore }) {
  const raw = tag.variable ? task.data[tag.variable] : tag.value;
  const value = raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (tag.variable && raw === undefined) return <p class="error">This task has no <code>{tag.variable}</code> for {tag.kind} <code>{tag.name}</code>.</p>;
  switch (tag.kind) {
    case 'Image': return <Lazy editor="image" render={m => <MediaView value={value}>{src => <m.ImageObject tag={tag} src={src} store={store} />}</MediaView>} />;
    case 'Text': case 'HyperText': return <TextObject tag={tag} text={value} store={store} />;
    case 'Audio': case 'AudioPlus': return <Lazy editor="audio" render={m => <MediaView value={value}>{src => <m.AudioObject tag={tag} src={src} store={store} />}</MediaView>} />;
    case 'List': return <ListObject tag={tag} items={Array.isArray(raw) ? raw as any[] : []} store={store} />;
    default: return <div class="text-object"><div class="muted">{tag.kind} <code>{tag.name}</code></div><div class="text-body">{value}</div></div>;
  }
}

/** Renders a media object once its address is known (see useMediaSrc: Groundwork media need credentials). */
function MediaView({ value, children }: { value: string; children: (src: string) => ComponentChild }) {
  const { src, error } = useMediaSrc(value);
  if (error) return <p class="error">The media file could not be loaded: {error}</p>;
  return src === null ? <p class="muted">Loading media…</p> : <>{children(src)}</>;
}

/** Seconds spent on the task while the page was visible. */
function useLeadTime(taskId: number) {
  const started = useRef(performance.now());
  const hiddenSince = useRef<number | null>(null);
  const hidden = useRef(0);
  const [, tick] = useState(0);
  useEffect(() => {
    started.current = performance.now(); hidden.current = 0; hiddenSince.current = null;
    const onVisibility = () => {
      if (document.hidden) hiddenSince.current = performance.now();
      else if (hiddenSince.current !== null) { hidden.current += performance.now() - hiddenSince.current; hiddenSince.current = null; }
    };
    document.addEventListener('visibilitychange', onVisibility);
    const t = setInterval(() => tick(x => x + 1), 1000);
    return () => { document.removeEventListener('visibilitychange', onVisibility); clearInterval(t); };
  }, [taskId]);
  const seconds = () => Math.max(0.001, Math.round((performance.now() - started.current - hidden.current) / 10) / 100);
  const s = Math.floor(seconds());
  return { seconds, display: `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}` };
}

function LeaseClock({ expiresAt }: { expiresAt: string }) {
  const [, tick] = useState(0);
  useEffect(() => { const t = setInterval(() => tick(x => x + 1), 1000); return () => clearInterval(t); }, []);
  const left = Math.max(0, Math.round((Date.parse(expiresAt) - Date.now()) / 1000));
  return <span class={left < 60 ? 'lease warn' : 'lease'} title="your hold on this task; renewed while the page is open">lease {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')}</span>;
}

const skipReasons = ['Unclear or ambiguous', 'Data is broken (image or text missing)', 'Outside my expertise', 'Offensive or sensitive content'];

function SkipDialog({ onCancel, onSkip }: { onCancel: () => void; onSkip: (reason: string) => void }) {
  const [reason, setReason] = useState(skipReasons[0]);
  const [other, setOther] = useState('');
  return (
    <div class="modal" role="dialog" aria-modal="true" aria-label="Skip this task">
      <form class="card" onSubmit={e => { e.preventDefault(); onSkip(reason === 'other' ? other.trim() || 'other' : reason); }}>
        <h2>Skip this task</h2>
        {skipReasons.map((r, i) => <label class="choice"><input type="radio" name="reason" checked={reason === r} onChange={() => setReason(r)} autoFocus={i === 0} />{r}</label>)}
        <label class="choice"><input type="radio" name="reason" checked={reason === 'other'} onChange={() => setReason('other')} />Other:
          <input type="text" value={other} onInput={e => { setOther(e.currentTarget.value); setReason('other'); }} /></label>
        <div class="row"><button type="button" onClick={onCancel}>Cancel</button><button class="primary" type="submit">Skip task</button></div>
      </form>
    </div>
  );
}

export const shortcuts: [string, string][] = [
  ['1 … 9 (or the config\'s hotkeys)', 'pick a label (then draw or select text), toggle a choice; with a region selected, relabel it'],
  ['Ctrl+Enter', 'submit and take the next task'],
  ['Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y', 'undo / redo'],
  ['Delete or Backspace', 'delete the selected region'],
  ['Escape', 'deselect, put the label down, leave a text box'],
  ['Alt+S', 'skip the task with a reason'],
  ['← / →', 'pairwise: prefer the left / right answer'],
  ['Alt+↑ / Alt+↓', 'ranker: move the focused item'],
  ['+ / − / 0', 'image: zoom in / out / fit'],
  ['Space', 'audio: play / pause'],
  ['?', 'this help'],
];

function ShortcutHelp({ onClose, list }: { onClose: () => void; list?: [string, string][] }) {
  return (
    <div class="modal" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={onClose}>
      <div class="card">
        <h2>Keyboard shortcuts</h2>
        <table class="grid">{(list ?? shortcuts).map(([k, what]) => <tr><td><kbd>{k}</kbd></td><td>{what}</td></tr>)}</table>
        <button type="button" onClick={onClose} autoFocus>Close</button>
      </div>
    </div>
  );
}
