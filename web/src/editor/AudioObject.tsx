import { useEffect, useRef, useState } from 'preact/hooks';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/dist/plugins/regions.js';
import type { ControlTag, ObjectTag, Result } from '../types';
import { EditorStore, labelsOf, useStore } from './store';

const round = (v: number) => Math.round(v * 1000) / 1000;

/** An Audio object: a waveform to play (space bar) and, with a Labels control on it, regions dragged over it. */
export function AudioObject({ tag, src, store }: { tag: ObjectTag; src: string; store: EditorStore }) {
  useStore(store);
  const el = useRef<HTMLDivElement>(null);
  const ws = useRef<WaveSurfer | null>(null);
  const regions = useRef<ReturnType<typeof RegionsPlugin.create> | null>(null);
  const synced = useRef(new Map<string, string>());
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const controls: ControlTag[] = store.config.control_tags.filter(c => c.kind === 'Labels' && c.to_names.includes(tag.name));
  const active = () => { for (const c of controls) { const l = store.active.get(c.name); if (l) return { control: c, label: l }; } return null; };

  useEffect(() => {
    if (!el.current) return;
    const plugin = RegionsPlugin.create();
    const w = WaveSurfer.create({ container: el.current, url: src, height: 96, waveColor: '#9aa5b1', progressColor: '#3b5bdb', plugins: [plugin] });
    ws.current = w; regions.current = plugin;
    let disableDrag: (() => void) | null = null;
    w.on('ready', () => { setReady(true); if (controls.length) disableDrag = plugin.enableDragSelection({ color: 'rgba(59,91,219,0.2)' }); sync(); });
    w.on('error', e => setError(String(e)));
    plugin.on('region-created', (region: Region) => {
      if (synced.current.has(region.id)) return;
      const a = active();
      if (!a) { region.remove(); return; }
      const r: Result = { id: region.id, from_name: a.control.name, to_name: tag.name, type: 'labels', origin: 'manual',
        value: { start: round(region.start), end: round(region.end), channel: 0, labels: [a.label] } };
      synced.current.set(r.id, JSON.stringify(r.value));
      region.setOptions({ color: hexA(store.colorOf(r.from_name, a.label)) } as any);
      store.upsert(r); store.select(r.id);
    });
    plugin.on('region-updated', (region: Region) => {
      const prev = store.results.find(r => r.id === region.id);
      if (!prev) return;
      const value = { ...prev.value, start: round(region.start), end: round(region.end) };
      synced.current.set(prev.id, JSON.stringify(value));
      store.upsert({ ...prev, value });
    });
    plugin.on('region-clicked', (region: Region, e: MouseEvent) => { e.stopPropagation(); store.select(region.id); region.play(); });
    return () => { disableDrag?.(); w.destroy(); ws.current = null; regions.current = null; synced.current.clear(); };
  }, [src]);

  function sync() {
    const plugin = regions.current;
    if (!plugin || !ready && !ws.current?.getDuration()) return;
    const mine = store.results.filter(r => r.to_name === tag.name && r.type === 'labels');
    const ids = new Set(mine.map(r => r.id));
    for (const region of plugin.getRegions()) if (!ids.has(region.id)) { synced.current.delete(region.id); region.remove(); }
    for (const r of mine) {
      const key = JSON.stringify(r.value);
      if (synced.current.get(r.id) === key) continue;
      plugin.getRegions().find((x: Region) => x.id === r.id)?.remove();
      synced.current.set(r.id, key);
      plugin.addRegion({ id: r.id, start: r.value.start, end: r.value.end, color: hexA(store.colorOf(r.from_name, labelsOf(r)[0])), drag: true, resize: true });
    }
  }
  useEffect(() => { sync(); });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || (e.target as HTMLElement).closest('input,textarea,select,button')) return;
      e.preventDefault();
      ws.current?.playPause();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class="audio-object" data-object={tag.name}>
      <div ref={el} class="waveform" />
      <div class="row">
        <button type="button" onClick={() => ws.current?.playPause()} disabled={!ready}><kbd>Space</kbd> Play / pause</button>
        {controls.length > 0 && <span class="hint">Pick a label, then drag across the waveform to mark a region.</span>}
      </div>
      {error && <p class="error">The audio <code>{src}</code> could not be loaded: {error}</p>}
    </div>
  );
}

function hexA(color: string): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return 'rgba(59,91,219,0.25)';
  const n = parseInt(m[1], 16);
  return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},0.28)`;
}
