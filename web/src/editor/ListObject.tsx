import type { ObjectTag } from '../types';
import { EditorStore, useStore } from './store';

interface Item { id: string; title?: string; body?: string; text?: string; [k: string]: unknown }

function itemId(item: Item): string { return typeof item.id === 'string' ? item.id : JSON.stringify(item.id); }
function itemText(item: Item): string {
  for (const k of ['body', 'text', 'title']) if (typeof item[k] === 'string') return item[k] as string;
  return JSON.stringify(item);
}

/**
 * A List object (items `{id, title, body}` from task data) and the Ranker on it: order the items with the buttons or
 * with Alt+↑/↓ on a focused item, or, when the Ranker has buckets, put each item in one. Items render as text.
 */
export function ListObject({ tag, items, store }: { tag: ObjectTag; items: Item[]; store: EditorStore }) {
  useStore(store);
  const ranker = store.config.control_tags.find(c => c.kind === 'Ranker' && c.to_names.includes(tag.name));
  if (!ranker) return <div class="list-object">{items.map(i => <ItemCard item={i} />)}</div>;
  const buckets = ranker.options.map(o => o.value);
  const value: Record<string, string[]> | undefined = store.resultOf(ranker)?.value.ranker;
  const byId = new Map(items.map(i => [itemId(i), i]));

  if (buckets.length === 0) {
    const order = value?.[tag.name] ?? items.map(itemId);
    const move = (index: number, delta: number) => {
      const next = [...order];
      const to = index + delta;
      if (to < 0 || to >= next.length) return;
      [next[index], next[to]] = [next[to], next[index]];
      store.setValue(ranker, { ranker: { [tag.name]: next } });
      requestAnimationFrame(() => (document.querySelector(`[data-item="${CSS.escape(next[to])}"]`) as HTMLElement | null)?.focus());
    };
    return (
      <ol class="list-object ranker" data-object={tag.name} aria-label={ranker.attributes.title ?? 'Rank the items'}>
        {order.map((id, i) => byId.get(id) && (
          <li tabIndex={0} data-item={id} onKeyDown={e => {
            if (e.altKey && e.key === 'ArrowUp') { e.preventDefault(); move(i, -1); }
            if (e.altKey && e.key === 'ArrowDown') { e.preventDefault(); move(i, 1); }
          }}>
            <span class="rank">{i + 1}</span>
            <ItemCard item={byId.get(id)!} />
            <span class="rank-buttons">
              <button type="button" aria-label={`Move ${id} up`} disabled={i === 0} onClick={() => move(i, -1)}>↑</button>
              <button type="button" aria-label={`Move ${id} down`} disabled={i === order.length - 1} onClick={() => move(i, 1)}>↓</button>
            </span>
          </li>))}
        {!value && <p class="hint">The order above is not recorded until you change it or <button type="button" class="link" onClick={() => store.setValue(ranker, { ranker: { [tag.name]: order } })}>keep it as it is</button>.</p>}
      </ol>
    );
  }

  const bucketOf = (id: string) => Object.entries(value ?? {}).find(([, ids]) => ids.includes(id))?.[0] ?? '';
  const place = (id: string, bucket: string) => {
    const next: Record<string, string[]> = {};
    for (const b of buckets) next[b] = (value?.[b] ?? []).filter(x => x !== id);
    if (bucket) next[bucket].push(id);
    store.setValue(ranker, { ranker: next });
  };
  return (
    <div class="list-object buckets" data-object={tag.name}>
      {items.map(item => (
        <div class="bucket-item">
          <ItemCard item={item} />
          <select aria-label={`Bucket of ${itemId(item)}`} value={bucketOf(itemId(item))} onChange={e => place(itemId(item), e.currentTarget.value)}>
            <option value="">–</option>
            {buckets.map(b => <option value={b}>{b}</option>)}
          </select>
        </div>))}
    </div>
  );
}

function ItemCard({ item }: { item: Item }) {
  return <div class="item-card">{typeof item.title === 'string' && <strong>{item.title}</strong>}<div class="text-body">{itemText(item)}</div></div>;
}


