import type { ControlTag, LabelConfig } from '../types';

/** Controls whose options are picked with hotkeys. */
export const optionKinds = new Set(['Labels', 'RectangleLabels', 'PolygonLabels', 'KeyPointLabels', 'EllipseLabels', 'BrushLabels', 'HyperTextLabels', 'ParagraphLabels', 'TimeSeriesLabels', 'Choices']);

export const optionKey = (control: string, value: string) => control + '\u0000' + value;

/**
 * The key for every option: the config's own <c>hotkey</c> where it sets one, else the next free digit 1..9 in
 * document order across controls (as Label Studio numbers them). Returns "control\0value" -> key.
 */
export function assignHotkeys(config: LabelConfig): Map<string, string> {
  const keys = new Map<string, string>();
  const used = new Set<string>();
  const controls = config.control_tags.filter(c => optionKinds.has(c.kind));
  for (const c of controls) for (const o of c.options) {
    if (o.hotkey) { keys.set(optionKey(c.name, o.value), o.hotkey.toLowerCase()); used.add(o.hotkey.toLowerCase()); }
  }
  let next = 1;
  for (const c of controls) for (const o of c.options) {
    if (keys.has(optionKey(c.name, o.value))) continue;
    while (next <= 9 && used.has(String(next))) next++;
    if (next > 9) return keys;
    keys.set(optionKey(c.name, o.value), String(next));
    used.add(String(next));
    next++;
  }
  return keys;
}

/** The control and option a key press names, if any. */
export function findHotkey(config: LabelConfig, keys: Map<string, string>, key: string): { control: ControlTag; value: string } | null {
  const k = key.toLowerCase();
  for (const c of config.control_tags) for (const o of c.options) {
    if (keys.get(optionKey(c.name, o.value)) === k) return { control: c, value: o.value };
  }
  return null;
}

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}
