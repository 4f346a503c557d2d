import { useEffect, useRef, useState } from 'preact/hooks';
import type { ControlTag, ObjectTag, Result } from '../types';
import { EditorStore, labelsOf, regionId, useStore } from './store';
import { isTyping } from './hotkeys';

// Annotorious 3 draws rectangles and polygons but has no point shape, so key points get a layer of their own: an SVG
// laid over the image whose coordinates are the image's natural pixels (viewBox), so it follows the zoom for free.

export const pointKinds = new Set(['KeyPointLabels', 'KeyPoint']);
const round = (v: number) => Math.round(v * 1e6) / 1e6;
const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
/** The drawn radius of a point and of its hit area, in screen pixels whatever the zoom. */
const radius = 5;
const hitRadius = 11;

export function pointControls(store: EditorStore, tag: ObjectTag): ControlTag[] {
  return store.config.control_tags.filter(c => pointKinds.has(c.kind) && c.to_names.includes(tag.name));
}

/** The point control a click on the image places a point for: a picked label, or an unlabeled KeyPoint control. */
export function activePointControl(store: EditorStore, tag: ObjectTag, otherShapes: ControlTag[]): { control: ControlTag; label: string | null } | null {
  const controls = pointControls(store, tag);
  for (const c of controls) {
    const label = store.active.get(c.name);
    if (label) return { control: c, label };
  }
  // An unlabeled KeyPoint places points when no other tool on the image is picked or unlabeled.
  const anyOtherActive = otherShapes.some(c => store.active.get(c.name) || !c.kind.endsWith('Labels'));
  const unlabeled = controls.find(c => c.kind === 'KeyPoint');
  return unlabeled && !anyOtherActive ? { control: unlabeled, label: null } : null;
}

/** Label Studio keeps a point's size as `width`, from the control's strokeWidth (1 when unset). */
function pointWidth(control: ControlTag): number {
  const raw = control.attributes.strokeWidth ?? control.attributes.strokewidth;
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/**
 * Key points on an image: click (or press Enter on the focused layer) to place a point with the picked label, click a
 * point to select it, drag it or use the arrow keys to move it (Shift moves ten times further), Delete removes it.
 * Every change goes through the editor's store, so undo and redo cover points like every other region. Values are
 * Label Studio's: `x`, `y` in percent of the natural image size, `width`, the labels, and original_width/height.
 */
export function PointLayer({ tag, store, size, otherShapes }: { tag: ObjectTag; store: EditorStore; size: { w: number; h: number } | null; otherShapes: ControlTag[] }) {
  useStore(store);
  const svg = useRef<SVGSVGElement>(null);
  const [shown, setShown] = useState(0);
  const [drag, setDrag] = useState<{ id: string; x: number; y: number; moved: boolean } | null>(null);
  const controls = pointControls(store, tag);
  const active = activePointControl(store, tag, otherShapes);

  // Screen pixels per natural pixel change with the zoom and the window: follow the layer's drawn width.
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setShown(el.getBoundingClientRect().width));
    observer.observe(el);
    setShown(el.getBoundingClientRect().width);
    return () => observer.disconnect();
  }, [size, controls.length > 0]);

  const mine = store.results.filter(r => r.to_name === tag.name && controls.some(c => c.name === r.from_name));
  const selected = mine.find(r => r.id === store.selectedId);

  // Arrow keys move the selected point (one screen pixel, ten with Shift); the moves of one point are one undo step.
  const keyRef = useRef<(e: KeyboardEvent) => void>(null);
  keyRef.current = (e: KeyboardEvent) => {
    if (!size || !selected || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || e.defaultPrevented) return;
    const step = (e.shiftKey ? 10 : 1) * (shown > 0 ? size.w / shown : 1);
    const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (!d) return;
    e.preventDefault();
    const x = clamp(selected.value.x / 100 * size.w + d[0], size.w), y = clamp(selected.value.y / 100 * size.h + d[1], size.h);
    move(selected, x, y, size, 'point-keys:' + selected.id);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => keyRef.current!(e);
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  function move(r: Result, x: number, y: number, { w, h }: { w: number; h: number }, group: string | null = null) {
    store.upsert({ ...r, value: { ...r.value, x: round(x / w * 100), y: round(y / h * 100) }, original_width: w, original_height: h,
      origin: r.origin === 'prediction' ? 'prediction-changed' : r.origin }, group);
  }

  if (!size || controls.length === 0) return null;
  const { w, h } = size;
  const perScreenPixel = shown > 0 ? w / shown : 1;

  function natural(e: PointerEvent): { x: number; y: number } {
    const box = svg.current!.getBoundingClientRect();
    return { x: clamp((e.clientX - box.left) / box.width * w, w), y: clamp((e.clientY - box.top) / box.height * h, h) };
  }

  function place(x: number, y: number) {
    if (!active) return;
    const { control, label } = active;
    const value: Record<string, unknown> = { x: round(x / w * 100), y: round(y / h * 100), width: pointWidth(control) };
    if (label) value[control.result_type] = [label];
    const r: Result = { id: regionId(), from_name: control.name, to_name: tag.name, type: control.result_type, value, original_width: w, original_height: h, image_rotation: 0, origin: 'manual' };
    store.upsert(r);
    store.select(r.id);
  }

  const onBackground = (e: PointerEvent) => {
    if (!active || e.button !== 0) return;
    e.preventDefault(); e.stopPropagation();
    const p = natural(e);
    place(p.x, p.y);
  };

  const label = active ? `Key points: click to place ${active.label ?? 'a point'}, or press Enter for one in the middle` : 'Key points';
  return (
    <div class={`point-layer${active ? ' placing' : ''}`} data-object={tag.name} data-points={mine.length}>
      <svg ref={svg} viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" tabIndex={0} role="group" aria-label={label}
        onMouseDown={e => { e.preventDefault(); svg.current?.focus({ preventScroll: true }); }}
        onKeyDown={e => { if (e.key === 'Enter' && active && !e.ctrlKey && !e.metaKey) { e.preventDefault(); place(w / 2, h / 2); } }}>
        <rect class="point-surface" x={0} y={0} width={w} height={h} onPointerDown={onBackground} />
        {mine.map(r => {
          const dragging = drag?.id === r.id;
          const cx = dragging ? drag.x : r.value.x / 100 * w, cy = dragging ? drag.y : r.value.y / 100 * h;
          const color = store.colorOf(r.from_name, labelsOf(r)[0]);
          const isSelected = r.id === store.selectedId;
          return (
            <g class={`point${isSelected ? ' selected' : ''}`} data-region={r.id} key={r.id}
              onPointerDown={e => {
                if (e.button !== 0) return;
                e.preventDefault(); e.stopPropagation();
                store.select(r.id);
                (e.currentTarget as Element).setPointerCapture(e.pointerId);
                setDrag({ id: r.id, x: cx, y: cy, moved: false });
              }}
              onPointerMove={e => { if (dragging) { const p = natural(e); setDrag({ id: r.id, x: p.x, y: p.y, moved: true }); } }}
              onPointerUp={e => {
                if (!dragging) return;
                (e.currentTarget as Element).releasePointerCapture(e.pointerId);
                if (drag.moved) move(r, drag.x, drag.y, size);
                setDrag(null);
              }}
              onPointerCancel={() => setDrag(null)}>
              <title>{labelsOf(r).join(', ') || 'point'}</title>
              <circle class="point-hit" cx={cx} cy={cy} r={hitRadius * perScreenPixel} />
              {isSelected && <circle class="point-ring" cx={cx} cy={cy} r={(radius + 4) * perScreenPixel} style={{ strokeWidth: 2 * perScreenPixel }} />}
              <circle class="point-dot" cx={cx} cy={cy} r={radius * perScreenPixel} fill={color} style={{ strokeWidth: 1.5 * perScreenPixel }} />
            </g>);
        })}
      </svg>
    </div>
  );
}
