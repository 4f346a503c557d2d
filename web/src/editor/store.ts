import { useEffect, useReducer } from 'preact/hooks';
import type { ControlTag, LabelConfig, Result } from '../types';

let counter = 0;
/** Region ids as Label Studio makes them: short, random, unique within an annotation. */
export function regionId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';
  let s = '';
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  for (const b of bytes) s += alphabet[b & 63];
  return s + (counter++ % 10);
}

/**
 * The annotation being made: its result regions, an undo/redo history of whole result arrays (cheap: regions are
 * shared between snapshots), the active label of each labels control and the selected region.
 */
export class EditorStore {
  results: Result[] = [];
  selectedId: string | null = null;
  readonly active = new Map<string, string | null>();
  private past: Result[][] = [];
  private future: Result[][] = [];
  private lastGroup: string | null = null;
  private listeners = new Set<() => void>();
  version = 0;

  constructor(readonly config: LabelConfig, initial: Result[], active?: Map<string, string | null>) {
    this.results = initial;
    if (active) for (const [k, v] of active) if (config.control_tags.some(c => c.name === k)) this.active.set(k, v);
  }

  subscribe(listener: () => void) { this.listeners.add(listener); return () => { this.listeners.delete(listener); }; }
  private emit() { this.version++; this.listeners.forEach(l => l()); }

  /** Replaces the results; edits with the same group (typing in one text area) collapse into one undo step. */
  set(next: Result[], group: string | null = null) {
    if (group === null || group !== this.lastGroup) {
      this.past.push(this.results);
      if (this.past.length > 500) this.past.shift();
    }
    this.lastGroup = group;
    this.future = [];
    this.results = next;
    if (this.selectedId && !next.some(r => r.id === this.selectedId)) this.selectedId = null;
    this.emit();
  }

  get canUndo() { return this.past.length > 0; }
  get canRedo() { return this.future.length > 0; }
  undo() { const prev = this.past.pop(); if (!prev) return; this.future.push(this.results); this.results = prev; this.lastGroup = null; this.fixSelection(); this.emit(); }
  redo() { const next = this.future.pop(); if (!next) return; this.past.push(this.results); this.results = next; this.lastGroup = null; this.fixSelection(); this.emit(); }
  private fixSelection() { if (this.selectedId && !this.results.some(r => r.id === this.selectedId)) this.selectedId = null; }

  upsert(region: Result, group: string | null = null) {
    const i = this.results.findIndex(r => r.id === region.id);
    this.set(i < 0 ? [...this.results, region] : this.results.map(r => r.id === region.id ? region : r), group);
  }
  remove(id: string) { if (this.results.some(r => r.id === id)) this.set(this.results.filter(r => r.id !== id)); }
  select(id: string | null) { if (this.selectedId !== id) { this.selectedId = id; this.emit(); } }
  setActive(control: string, value: string | null) { this.active.set(control, value); this.emit(); }
  clearActive() { for (const k of [...this.active.keys()]) this.active.set(k, null); this.emit(); }

  /** The one result a classification control (Choices, TextArea, Rating ...) keeps, if any. */
  resultOf(control: ControlTag): Result | undefined { return this.results.find(r => r.from_name === control.name && r.type === control.result_type); }

  /** Sets or clears the single result of a classification control. */
  setValue(control: ControlTag, value: Record<string, unknown> | null, group: string | null = null, toName?: string) {
    const existing = this.resultOf(control);
    if (value === null) { if (existing) this.remove(existing.id); return; }
    this.upsert({
      id: existing?.id ?? regionId(), from_name: control.name, to_name: toName ?? control.to_names[0],
      type: control.result_type, value, origin: existing?.origin === 'prediction' ? 'prediction-changed' : existing?.origin ?? 'manual',
    }, group);
  }

  /** The label colour of an option, or a stable colour from its name. */
  colorOf(controlName: string, value: string | undefined): string {
    const control = this.config.control_tags.find(c => c.name === controlName);
    const option = control?.options.find(o => o.value === value || o.alias === value);
    if (option?.background) return option.background;
    const index = control ? Math.max(0, control.options.findIndex(o => o.value === value)) : 0;
    return palette[index % palette.length];
  }
}

export const palette = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#469990', '#6b6b00'];

/** White or near-black, whichever reads better on the colour (WCAG contrast), for text on a label's colour. */
export function textOn(color: string): string {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(color.trim());
  if (!m) return '#fff';
  const hex = m[1].length === 3 ? m[1].split('').map(c => c + c).join('') : m[1];
  const channel = (i: number) => { const v = parseInt(hex.slice(i, i + 2), 16) / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const l = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  const dark = 0.0159; // luminance of #1d2330
  return (1.05 / (l + 0.05)) >= ((l + 0.05) / (dark + 0.05)) ? '#fff' : '#1d2330';
}

/** Re-renders the component whenever the store changes. */
export function useStore(store: EditorStore) {
  const [, force] = useReducer((x: number, _: number) => x + 1, 0);
  useEffect(() => store.subscribe(() => force(0)), [store]);
  return store;
}

/** The labels of a region, whatever its type (rectanglelabels, labels, polygonlabels ...). */
export function labelsOf(r: Result): string[] {
  const v = r.value?.[r.type];
  return Array.isArray(v) ? v as string[] : [];
}
