import type { ControlTag } from '../types';
import { EditorStore, labelsOf, textOn, useStore } from './store';
import { optionKey } from './hotkeys';

type Props = { control: ControlTag; store: EditorStore; hotkeys: Map<string, string> };

export const labelKinds = new Set(['Labels', 'RectangleLabels', 'PolygonLabels', 'KeyPointLabels', 'EllipseLabels', 'BrushLabels', 'HyperTextLabels', 'ParagraphLabels', 'TimeSeriesLabels']);

/** Picks the active label of a labels control, or relabels the selected region when it belongs to that control. */
export function pickLabel(store: EditorStore, control: ControlTag, value: string) {
  const selected = store.results.find(r => r.id === store.selectedId);
  if (selected && selected.from_name === control.name) {
    store.upsert({ ...selected, value: { ...selected.value, [control.result_type]: [value] }, origin: selected.origin === 'prediction' ? 'prediction-changed' : selected.origin });
    return;
  }
  const next = store.active.get(control.name) === value ? null : value;
  // One active label per object: picking a polygon label puts the rectangle tool down.
  for (const other of store.config.control_tags) {
    if (other !== control && labelKinds.has(other.kind) && other.to_names.some(t => control.to_names.includes(t))) store.active.set(other.name, null);
  }
  store.setActive(control.name, next);
}

/** Toggles a choice (radio semantics unless choice="multiple"). */
export function toggleChoice(store: EditorStore, control: ControlTag, value: string) {
  const option = control.options.find(o => o.value === value);
  const stored = option?.alias ?? value;
  const current: string[] = store.resultOf(control)?.value.choices ?? [];
  let next: string[];
  if (control.choice_mode === 'multiple') next = current.includes(stored) ? current.filter(c => c !== stored) : [...current, stored];
  else next = current.includes(stored) ? [] : [stored];
  store.setValue(control, next.length ? { choices: next } : null);
}

function Key({ k }: { k?: string }) { return k ? <kbd>{k}</kbd> : null; }

export function LabelsControl({ control, store, hotkeys }: Props) {
  useStore(store);
  const active = store.active.get(control.name);
  return (
    <fieldset class="control labels" data-control={control.name}>
      <legend>{control.attributes.title ?? control.name}</legend>
      <div class="options">{control.options.map(o => (
        <button type="button" class={`label-button${active === o.value ? ' active' : ''}`} aria-pressed={active === o.value}
          style={{ '--label-color': store.colorOf(control.name, o.value), '--label-text': textOn(store.colorOf(control.name, o.value)) } as any} onClick={() => pickLabel(store, control, o.value)}>
          <Key k={hotkeys.get(optionKey(control.name, o.value))} />{o.value}
        </button>))}
      </div>
    </fieldset>
  );
}

export function ChoicesControl({ control, store, hotkeys }: Props) {
  useStore(store);
  const chosen: string[] = store.resultOf(control)?.value.choices ?? [];
  const multiple = control.choice_mode === 'multiple';
  return (
    <fieldset class="control choices" data-control={control.name}>
      <legend>{control.attributes.title ?? control.name}</legend>
      {control.options.map(o => {
        const stored = o.alias ?? o.value;
        return (
          <label class="choice">
            <input type={multiple ? 'checkbox' : 'radio'} name={`choice-${control.name}`} checked={chosen.includes(stored)}
              onClick={e => { e.preventDefault(); toggleChoice(store, control, o.value); }} />
            <Key k={hotkeys.get(optionKey(control.name, o.value))} />{o.value}
          </label>);
      })}
    </fieldset>
  );
}

export function TextAreaControl({ control, store }: Props) {
  useStore(store);
  const text: string[] = store.resultOf(control)?.value.text ?? [];
  const rows = +(control.attributes.rows ?? 3);
  return (
    <fieldset class="control textarea" data-control={control.name}>
      <legend>{control.attributes.title ?? control.name}</legend>
      <textarea name={control.name} aria-label={control.attributes.title ?? control.name} rows={rows} placeholder={control.attributes.placeholder ?? ''} value={text.join('\n')}
        onInput={e => { const v = e.currentTarget.value; store.setValue(control, v.trim() ? { text: [v] } : null, 'textarea:' + control.name); }} />
    </fieldset>
  );
}

export function RatingControl({ control, store }: Props) {
  useStore(store);
  const rating: number = store.resultOf(control)?.value.rating ?? 0;
  const max = control.max_rating ?? 5;
  return (
    <fieldset class="control rating" data-control={control.name}>
      <legend>{control.attributes.title ?? control.name}</legend>
      <div class="stars">{Array.from({ length: max }, (_, i) => (
        <button type="button" class={i < rating ? 'star on' : 'star'} aria-label={`${i + 1} of ${max}`} aria-pressed={i + 1 === rating}
          onClick={() => store.setValue(control, rating === i + 1 ? null : { rating: i + 1 })}>★</button>))}
      </div>
    </fieldset>
  );
}

export function PairwiseControl({ control, store }: Props) {
  useStore(store);
  const selected: string | undefined = store.resultOf(control)?.value.selected;
  const pick = (side: 'left' | 'right') => store.setValue(control, selected === side ? null : { selected: side });
  return (
    <fieldset class="control pairwise" data-control={control.name}>
      <legend>{control.attributes.title ?? 'Which is better?'}</legend>
      <div class="options">
        <button type="button" class={selected === 'left' ? 'active' : ''} aria-pressed={selected === 'left'} onClick={() => pick('left')}><kbd>←</kbd>{control.to_names[0]}</button>
        <button type="button" class={selected === 'right' ? 'active' : ''} aria-pressed={selected === 'right'} onClick={() => pick('right')}>{control.to_names[1]}<kbd>→</kbd></button>
      </div>
    </fieldset>
  );
}

export function NumberControl({ control, store }: Props) {
  useStore(store);
  const n = store.resultOf(control)?.value.number;
  return (
    <fieldset class="control number" data-control={control.name}>
      <legend>{control.attributes.title ?? control.name}</legend>
      <input type="number" name={control.name} aria-label={control.attributes.title ?? control.name} min={control.min} max={control.max} value={n ?? ''}
        onInput={e => { const v = e.currentTarget.value; store.setValue(control, v === '' ? null : { number: +v }, 'number:' + control.name); }} />
    </fieldset>
  );
}

/** Result types that answer about the whole task rather than mark a region. */
const classificationTypes = new Set(['choices', 'textarea', 'rating', 'pairwise', 'number', 'ranker', 'taxonomy', 'datetime']);

export function RegionList({ store }: { store: EditorStore }) {
  useStore(store);
  const regions = store.results.filter(r => !classificationTypes.has(r.type));
  if (regions.length === 0) return null;
  return (
    <fieldset class="control regions">
      <legend>Regions ({regions.length})</legend>
      <ul>{regions.map(r => (
        <li class={r.id === store.selectedId ? 'selected' : ''} onClick={() => store.select(r.id)}>
          <span class="swatch" style={{ background: store.colorOf(r.from_name, labelsOf(r)[0]) }} />
          <span class="region-label">{labelsOf(r).join(', ') || r.type}</span>
          <span class="region-detail">{describe(r.value)}</span>
          {r.origin?.startsWith('prediction') && <span class="badge" title="from a model's prediction">{r.origin === 'prediction' ? 'pre-label' : 'edited'}</span>}
          <button type="button" class="link" aria-label="Delete region" onClick={e => { e.stopPropagation(); store.remove(r.id); }}>✕</button>
        </li>))}
      </ul>
    </fieldset>
  );
}

function describe(v: Record<string, any>): string {
  if (typeof v.text === 'string') return `“${v.text.length > 30 ? v.text.slice(0, 30) + '…' : v.text}”`;
  if (Array.isArray(v.points)) return `${v.points.length} points`;
  if (typeof v.x === 'number' && typeof v.height !== 'number') return `at ${v.x.toFixed(1)}, ${v.y.toFixed(1)}%`;
  if (typeof v.x === 'number') return `${v.width.toFixed(1)}×${v.height.toFixed(1)}%`;
  if (typeof v.start === 'number') return `${v.start.toFixed(2)}–${v.end.toFixed(2)} s`;
  return '';
}
