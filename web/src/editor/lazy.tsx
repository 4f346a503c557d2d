import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { LabelConfig } from '../types';

// The annotation libraries are most of the bundle and each data type needs at most one of them, so each editor is a
// chunk of its own, loaded when a task needs it: the projects pages never load them, and the label page starts
// loading the one it needs as soon as it knows the configuration, while the task itself is still on its way.

const loaders = {
  image: () => import('./ImageObject'),
  text: () => import('./TextSpans'),
  audio: () => import('./AudioObject'),
};

type Editors = { image: typeof import('./ImageObject'); text: typeof import('./TextSpans'); audio: typeof import('./AudioObject') };
type Editor = keyof Editors;

const pending = new Map<Editor, Promise<unknown>>();
const ready = new Map<Editor, unknown>();

function load<E extends Editor>(editor: E): Promise<Editors[E]> {
  let p = pending.get(editor);
  if (!p) {
    p = loaders[editor]().then(m => { ready.set(editor, m); return m; });
    pending.set(editor, p);
  }
  return p as Promise<Editors[E]>;
}

/** The editors a configuration needs. */
export function editorsFor(config: LabelConfig): Editor[] {
  const needed = new Set<Editor>();
  for (const o of config.object_tags) {
    if (o.kind === 'Image') needed.add('image');
    else if (o.kind === 'Audio' || o.kind === 'AudioPlus') needed.add('audio');
    else if (o.kind === 'Text' && config.control_tags.some(c => c.kind === 'Labels' && c.to_names.includes(o.name))) needed.add('text');
  }
  return [...needed];
}

/**
 * A guess from the raw XML, before the server has parsed it, so the editor's code loads alongside that request: an
 * Image or Audio tag, or a Labels tag (spans on text). A wrong guess costs one unused download.
 */
export function preloadEditorsFor(labelConfig: string) {
  if (/<Image\b/.test(labelConfig)) load('image').catch(() => { /* shown by <Lazy> */ });
  if (/<Audio(Plus)?\b/.test(labelConfig)) load('audio').catch(() => { /* shown by <Lazy> */ });
  if (/<Labels\b/.test(labelConfig) && /<Text\b/.test(labelConfig)) load('text').catch(() => { /* shown by <Lazy> */ });
}

/** Starts loading what the configuration needs (errors surface when the editor renders). */
export function preloadEditors(config: LabelConfig) {
  for (const e of editorsFor(config)) load(e).catch(() => { /* shown by <Lazy> */ });
}

/** Renders with the editor's module once it is loaded; at once when it already is. */
export function Lazy<E extends Editor>({ editor, render }: { editor: E; render: (m: Editors[E]) => JSX.Element }) {
  const [m, setM] = useState<Editors[E] | undefined>(() => ready.get(editor) as Editors[E] | undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (m) return;
    let live = true;
    load(editor).then(x => { if (live) setM(x); }, e => { if (live) setError(e instanceof Error ? e.message : String(e)); });
    return () => { live = false; };
  }, [editor]);
  if (error) return <p class="error" role="alert">The {editor} editor could not be loaded: {error}</p>;
  return m ? render(m) : <p class="muted editor-loading">Loading the {editor} editor…</p>;
}
