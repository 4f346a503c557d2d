import { useEffect, useRef } from 'preact/hooks';
import { createTextAnnotator, type TextAnnotation, type TextAnnotator } from '@recogito/text-annotator';
import type { ControlTag, ObjectTag, Result } from '../types';
import { EditorStore, labelsOf, useStore } from './store';
import { textControls } from './TextObject';

/**
 * A Text object with a Labels control on it: the task's string rendered as text (never as HTML), spans marked with the
 * text annotator; results carry UTF-16 offsets into the string, as Label Studio's do. Loaded on demand (it brings the
 * text-annotator library), by TextObject.
 */
export function TextSpans({ tag, text, store }: { tag: ObjectTag; text: string; store: EditorStore }) {
  useStore(store);
  const el = useRef<HTMLDivElement>(null);
  const anno = useRef<TextAnnotator | null>(null);
  const synced = useRef(new Map<string, string>());
  /** True while this view pushes the store into the annotator, whose API calls echo back as user events. */
  const applying = useRef(false);
  const controls = textControls(store, tag);
  const labelled = controls.length > 0;

  function activeLabel(): { control: ControlTag; label: string } | null {
    for (const c of controls) { const label = store.active.get(c.name); if (label) return { control: c, label }; }
    return null;
  }

  useEffect(() => {
    if (!labelled || !el.current) return;
    const a = createTextAnnotator(el.current, {
      style: ((annotation: TextAnnotation, state?: { selected?: boolean }) => {
        const r = store.results.find(x => x.id === annotation.id);
        const color = r ? store.colorOf(r.from_name, labelsOf(r)[0]) : '#888';
        return { fill: color, fillOpacity: state?.selected ? 0.45 : 0.25, underlineColor: color, underlineThickness: 2, underlineOffset: 0 };
      }) as any,
    });
    anno.current = a as unknown as TextAnnotator;
    a.on('createAnnotation', (created: any) => {
      if (applying.current) return;
      const active = activeLabel();
      const s = created.target.selector[0];
      if (!active || !s) { a.removeAnnotation(created.id); store.select(null); flash(el.current); return; }
      const r: Result = {
        id: created.id, from_name: active.control.name, to_name: tag.name, type: 'labels',
        value: { start: s.start, end: s.end, text: text.slice(s.start, s.end), labels: [active.label] }, origin: 'manual',
      };
      synced.current.set(r.id, JSON.stringify(r.value));
      store.upsert(r);
      store.select(r.id);
    });
    a.on('updateAnnotation', (updated: any) => {
      if (applying.current) return;
      const prev = store.results.find(x => x.id === updated.id);
      const s = updated.target.selector[0];
      if (!prev || !s) return;
      const value = { ...prev.value, start: s.start, end: s.end, text: text.slice(s.start, s.end) };
      synced.current.set(prev.id, JSON.stringify(value));
      store.upsert({ ...prev, value });
    });
    a.on('deleteAnnotation', (deleted: any) => { if (applying.current) return; synced.current.delete(deleted.id); store.remove(deleted.id); });
    a.on('selectionChanged', (selected: any[]) => { if (!applying.current) store.select(selected[0]?.id ?? null); });
    synced.current.clear();
    sync();
    el.current.dataset.annotator = 'ready';
    return () => { a.destroy(); anno.current = null; };
  }, [labelled, text]);

  function sync() {
    applying.current = true;
    try { apply(); } finally { applying.current = false; }
  }

  function apply() {
    const a = anno.current as any;
    if (!a) return;
    const mine = store.results.filter(r => r.to_name === tag.name && r.type === 'labels');
    const ids = new Set(mine.map(r => r.id));
    let changed = false;
    for (const id of [...synced.current.keys()]) if (!ids.has(id)) { synced.current.delete(id); a.removeAnnotation(id); changed = true; }
    for (const r of mine) {
      const key = JSON.stringify(r.value);
      if (synced.current.get(r.id) === key) continue;
      const shape = { id: r.id, bodies: [], target: { annotation: r.id, selector: [{ start: r.value.start, end: r.value.end, quote: r.value.text ?? text.slice(r.value.start, r.value.end) }] } };
      if (synced.current.has(r.id)) a.updateAnnotation(shape); else a.addAnnotation(shape);
      synced.current.set(r.id, key);
      changed = true;
    }
    if (changed || labelsKey.current !== mine.map(r => labelsOf(r).join()).join()) {
      labelsKey.current = mine.map(r => labelsOf(r).join()).join();
      a.redraw?.();
    }
  }
  const labelsKey = useRef('');
  useEffect(() => { sync(); });

  return (
    <div class={`text-object${labelled ? ' labelled' : ''}`} data-object={tag.name}>
      <div ref={el} class="text-body">{text}</div>
      {labelled && !activeLabel() && <p class="hint">Pick a label ({controls[0].options.length ? 'press its number' : 'from the panel'}), then select the words.</p>}
    </div>
  );
}

function flash(el: HTMLElement | null) {
  if (!el) return;
  el.classList.remove('flash');
  void el.offsetWidth;
  el.classList.add('flash');
  window.getSelection()?.removeAllRanges();
}
