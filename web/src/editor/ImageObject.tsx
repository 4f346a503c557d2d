import { useEffect, useRef, useState } from 'preact/hooks';
import { createImageAnnotator, type ImageAnnotation, type ImageAnnotator } from '@annotorious/annotorious';
import type { ControlTag, ObjectTag, Result } from '../types';
import { EditorStore, labelsOf, useStore } from './store';
import { activePointControl, PointLayer, pointControls } from './PointLayer';

const imageKinds = new Set(['RectangleLabels', 'PolygonLabels', 'Rectangle', 'Polygon']);
const clamp = (v: number) => Math.min(100, Math.max(0, v));
const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** Pixel geometry (of the natural image) to Label Studio's percentages. */
export function toValue(a: ImageAnnotation, w: number, h: number): Record<string, unknown> {
  const s = a.target.selector as any;
  if (s.type === 'POLYGON') {
    return { points: (s.geometry.points as number[][]).map(([x, y]) => [round(clamp(x / w * 100)), round(clamp(y / h * 100))]), closed: true };
  }
  const g = s.geometry;
  const x = clamp(g.x / w * 100), y = clamp(g.y / h * 100);
  return { x: round(x), y: round(y), width: round(Math.min(100 - x, Math.max(0, g.w / w * 100))), height: round(Math.min(100 - y, Math.max(0, g.h / h * 100))), rotation: 0 };
}

/** A result region back to the pixel shape Annotorious draws. */
export function toShape(r: Result, w: number, h: number): ImageAnnotation | null {
  const v = r.value;
  let selector: any;
  if (Array.isArray(v.points)) {
    const points = (v.points as number[][]).map(([x, y]) => [x / 100 * w, y / 100 * h]);
    const xs = points.map(p => p[0]), ys = points.map(p => p[1]);
    selector = { type: 'POLYGON', geometry: { points, bounds: { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) } } };
  } else if (typeof v.x === 'number' && typeof v.width === 'number') {
    const x = v.x / 100 * w, y = v.y / 100 * h, ww = v.width / 100 * w, hh = v.height / 100 * h;
    selector = { type: 'RECTANGLE', geometry: { x, y, w: ww, h: hh, bounds: { minX: x, minY: y, maxX: x + ww, maxY: y + hh } } };
  } else return null;
  return { id: r.id, bodies: [], target: { annotation: r.id, selector } } as unknown as ImageAnnotation;
}

export function imageControls(store: EditorStore, tag: ObjectTag): ControlTag[] {
  return store.config.control_tags.filter(c => imageKinds.has(c.kind) && c.to_names.includes(tag.name));
}

/** An Image object tag with Annotorious drawing rectangles and polygons for the labels controls that target it. */
export function ImageObject({ tag, src, store }: { tag: ObjectTag; src: string; store: EditorStore }) {
  useStore(store);
  const host = useRef<HTMLDivElement>(null);
  const img = useRef<HTMLImageElement | null>(null);
  const anno = useRef<ImageAnnotator | null>(null);
  const synced = useRef(new Map<string, string>());
  const style = useRef<unknown>(null);
  const styled = useRef('');
  /** True while this view pushes the store into Annotorious, whose API calls echo back as user events. */
  const applying = useRef(false);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const [zoom, setZoom] = useState(1);
  const fitWidth = useRef(0);
  const controls = imageControls(store, tag);

  function activeControl(): { control: ControlTag; label: string | null } | null {
    if (activePointControl(store, tag, controls)) return null; // placing key points: Annotorious stays out of the way
    for (const c of controls) {
      const label = store.active.get(c.name);
      if (label) return { control: c, label };
    }
    const unlabeled = controls.find(c => c.kind === 'Rectangle' || c.kind === 'Polygon');
    return unlabeled ? { control: unlabeled, label: null } : null;
  }

  // The image is made here rather than by Preact: Annotorious wraps it in its own elements, which a virtual DOM
  // must not see (it would try to put things back where it left them).
  useEffect(() => {
    const el = document.createElement('img');
    el.alt = '';
    el.draggable = false;
    el.onload = () => { performance.mark('groundwork:image-loaded'); setSize({ w: el.naturalWidth, h: el.naturalHeight }); };
    el.onerror = () => setFailed(true);
    el.src = src;
    img.current = el;
    host.current!.append(el);
    return () => { dispose(); host.current?.replaceChildren(); img.current = null; };
  }, [src]);

  useEffect(() => {
    if (!size || !img.current) return;
    const { w, h } = size;
    performance.mark('groundwork:annotator-start');
    const a = createImageAnnotator(img.current, { drawingEnabled: false, theme: 'light', userSelectAction: 'EDIT' as any });
    performance.mark('groundwork:annotator-created');
    anno.current = a;
    style.current = (annotation: ImageAnnotation, state?: { selected?: boolean; hovered?: boolean }) => {
      const r = store.results.find(x => x.id === annotation.id);
      const color = r ? store.colorOf(r.from_name, labelsOf(r)[0]) : '#888';
      return { fill: color, fillOpacity: state?.selected ? 0.35 : state?.hovered ? 0.28 : 0.18, stroke: color, strokeWidth: state?.selected ? 3 : 2, strokeOpacity: 1 };
    };
    styled.current = '';
    a.on('createAnnotation', (created: ImageAnnotation) => {
      if (anno.current !== a || applying.current) return;
      const active = activeControl();
      if (!active) { a.removeAnnotation(created.id); return; }
      const { control, label } = active;
      const value = toValue(created, w, h);
      if (label) value[control.result_type] = [label];
      const r: Result = { id: created.id, from_name: control.name, to_name: tag.name, type: control.result_type, value, original_width: w, original_height: h, image_rotation: 0, origin: 'manual' };
      synced.current.set(r.id, JSON.stringify(r.value));
      store.upsert(r);
      store.select(r.id);
    });
    a.on('updateAnnotation', (updated: ImageAnnotation) => {
      if (anno.current !== a || applying.current) return;
      const prev = store.results.find(x => x.id === updated.id);
      if (!prev) return;
      const value = { ...prev.value, ...toValue(updated, w, h) };
      synced.current.set(prev.id, JSON.stringify(value));
      store.upsert({ ...prev, value, origin: prev.origin === 'prediction' ? 'prediction-changed' : prev.origin });
    });
    a.on('deleteAnnotation', (deleted: ImageAnnotation) => {
      if (anno.current !== a || applying.current || !synced.current.has(deleted.id)) return; // an echo of this view's own removal
      synced.current.delete(deleted.id);
      store.remove(deleted.id);
    });
    a.on('selectionChanged', (selected: ImageAnnotation[]) => { if (anno.current === a && !applying.current) store.select(selected[0]?.id ?? null); });
    synced.current.clear();
    sync();
    performance.mark('groundwork:editor-ready');
    return () => { if (anno.current === a) dispose(); };
  }, [size]);

  /**
   * Takes Annotorious down without leaving it a frame to draw in: its size observer outlives destroy(), and a
   * selected shape redrawn in an image that is already gone gets infinite handles.
   */
  function dispose() {
    const a = anno.current;
    if (!a) return;
    anno.current = null;
    a.cancelSelected();
    a.clearAnnotations();
    a.destroy();
  }

  /** Pushes the store's regions for this image into Annotorious, touching only what changed. */
  function sync() {
    const a = anno.current;
    if (!a || !size) return;
    const mine = store.results.filter(r => r.to_name === tag.name && controls.some(c => c.name === r.from_name));
    applying.current = true;
    try { apply(a, mine); } finally { applying.current = false; }
  }

  function apply(a: ImageAnnotator, mine: Result[]) {
    if (!size) return;
    const ids = new Set(mine.map(r => r.id));
    const gone = [...synced.current.keys()].filter(id => !ids.has(id));
    // Let go of a shape before it goes, so Annotorious's editing layer does not hold on to it.
    if (gone.length && a.getSelected().some(s => gone.includes(s.id))) a.cancelSelected();
    for (const id of gone) { synced.current.delete(id); a.removeAnnotation(id); }
    for (const r of mine) {
      const key = JSON.stringify(r.value);
      if (synced.current.get(r.id) === key) continue;
      const shape = toShape(r, size.w, size.h);
      if (!shape) continue;
      if (synced.current.has(r.id)) a.updateAnnotation(shape); else a.addAnnotation(shape);
      synced.current.set(r.id, key);
    }
    const active = activeControl();
    const tool = active?.control.kind.startsWith('Polygon') ? 'polygon' : 'rectangle';
    if (a.getDrawingTool() !== tool) {
      a.setDrawingMode(tool === 'polygon' ? 'click' : 'drag'); // polygons point by point, boxes by dragging
      a.setDrawingTool(tool);
    }
    const enabled = !!active && (active.label !== null || !active.control.kind.endsWith('Labels'));
    a.setDrawingEnabled(enabled);
    host.current?.setAttribute('data-drawing', enabled ? tool : 'off');
    const selected = a.getSelected()[0]?.id ?? null;
    // The selection may be a key point, which Annotorious does not hold: then nothing of its own is selected.
    const wanted = store.selectedId && synced.current.has(store.selectedId) ? store.selectedId : null;
    if (wanted !== selected) a.setSelected(wanted ?? undefined);
    const labels = mine.map(r => r.id + ':' + labelsOf(r).join('|')).join(',');
    if (labels !== styled.current) { styled.current = labels; a.setStyle(style.current as any); }
  }

  useEffect(() => { sync(); });

  // Zoom: 1 fits the image in the view; above that the image is shown larger and the figure scrolls. Annotorious
  // follows the image's size, and shapes stay in natural-size pixels, so results do not depend on the zoom.
  useEffect(() => {
    const el = img.current;
    if (!el || !size) return;
    if (zoom === 1) {
      el.style.width = ''; el.style.maxWidth = ''; el.style.maxHeight = '';
      fitWidth.current = el.getBoundingClientRect().width || size.w;
    } else {
      el.style.maxWidth = 'none'; el.style.maxHeight = 'none';
      el.style.width = `${Math.round(fitWidth.current * zoom)}px`;
    }
  }, [zoom, size]);
  useEffect(() => {
    const onZoom = (e: Event) => {
      const how = (e as CustomEvent<string>).detail;
      setZoom(z => how === 'in' ? Math.min(8, z * 1.5) : how === 'out' ? Math.max(1, z / 1.5) : 1);
    };
    addEventListener('groundwork:zoom', onZoom);
    return () => removeEventListener('groundwork:zoom', onZoom);
  }, []);

  const active = activeControl();
  const points = pointControls(store, tag);
  const placing = activePointControl(store, tag, controls);
  const labelled = [...controls, ...points];
  return (
    <figure class={`image-object${active?.label || placing ? ' drawing' : ''}${zoom > 1 ? ' zoomed' : ''}`} data-object={tag.name}>
      <div class="zoom-bar">
        <button type="button" title="Zoom out (-)" aria-label="Zoom out" disabled={zoom <= 1} onClick={() => setZoom(z => Math.max(1, z / 1.5))}>−</button>
        <button type="button" title="Fit (0)" aria-label={`${Math.round(zoom * 100)}%, fit to the view`} onClick={() => setZoom(1)}>{Math.round(zoom * 100)}%</button>
        <button type="button" title="Zoom in (+)" aria-label="Zoom in" disabled={zoom >= 8} onClick={() => setZoom(z => Math.min(8, z * 1.5))}>+</button>
      </div>
      <div class="image-scroll"><div class="image-stage"><div ref={host} class="image-host" />
        {points.length > 0 && <PointLayer tag={tag} store={store} size={size} otherShapes={controls} />}</div></div>
      {failed && <div class="error">The image <code>{src}</code> could not be loaded.</div>}
      {labelled.length > 0 && !active?.label && !placing && <figcaption class="hint">Pick a label ({labelled.some(c => c.options.length) ? 'press its number' : 'from the panel'}) to draw.</figcaption>}
    </figure>
  );
}
