import type { ControlTag, ObjectTag } from '../types';
import { EditorStore, useStore } from './store';
import { Lazy } from './lazy';

export function textControls(store: EditorStore, tag: ObjectTag): ControlTag[] {
  return store.config.control_tags.filter(c => c.kind === 'Labels' && c.to_names.includes(tag.name));
}

/**
 * A Text object: the task's string rendered as text (never as HTML). Only with a Labels control on it does the span
 * editor (and its library) load; prompts and answers to read need none of it.
 */
export function TextObject({ tag, text, store }: { tag: ObjectTag; text: string; store: EditorStore }) {
  useStore(store);
  if (tag.kind === 'HyperText') return <HyperTextObject tag={tag} html={text} />;
  if (textControls(store, tag).length > 0) return <Lazy editor="text" render={m => <m.TextSpans tag={tag} text={text} store={store} />} />;
  return <div class="text-object" data-object={tag.name}><div class="text-body">{text}</div></div>;
}

/** HyperText shows task HTML in a sandboxed frame: no scripts, no same-origin access, no forms, no popups. */
export function HyperTextObject({ tag, html }: { tag: ObjectTag; html: string }) {
  return <iframe class="hypertext-object" data-object={tag.name} sandbox="" referrerpolicy="no-referrer" srcdoc={html} title={tag.name} />;
}
