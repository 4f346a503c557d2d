import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api, post } from '../api';
import { navigate } from '../router';
import type { LabelConfig, Project } from '../types';
import { ErrorBox } from './common';
import { assignHotkeys } from '../editor/hotkeys';

const templates: Record<string, string> = {
  'Image boxes + classification': `<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="label" toName="image">
    <Label value="Car" background="#e4572e"/>
    <Label value="Person" background="#29335c"/>
  </RectangleLabels>
  <Choices name="quality" toName="image">
    <Choice value="Clear"/>
    <Choice value="Blurry"/>
  </Choices>
</View>`,
  'Named entities': `<View>
  <Labels name="label" toName="text">
    <Label value="PER" background="#f3a712"/>
    <Label value="ORG" background="#669bbc"/>
    <Label value="LOC" background="#a8c686"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>`,
  'Text classification': `<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single-radio">
    <Choice value="Positive"/>
    <Choice value="Negative"/>
    <Choice value="Neutral"/>
  </Choices>
</View>`,
  'LLM preference': `<View>
  <Text name="prompt" value="$prompt"/>
  <Text name="answer1" value="$answer1"/>
  <Text name="answer2" value="$answer2"/>
  <Pairwise name="pref" toName="answer1,answer2"/>
  <Rating name="quality" toName="answer1" maxRating="5"/>
</View>`,
  'Audio transcription': `<View>
  <Audio name="audio" value="$audio"/>
  <Labels name="speaker" toName="audio">
    <Label value="Speaker 1"/>
    <Label value="Speaker 2"/>
  </Labels>
  <TextArea name="transcript" toName="audio" rows="3"/>
</View>`,
};

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'valid'; config: LabelConfig } | { state: 'invalid'; errors: string[] };

/** Validates a label config as it is typed (debounced; stale answers are dropped). */
export function useConfigCheck(xml: string): Check {
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const seq = useRef(0);
  useEffect(() => {
    if (!xml.trim()) { setCheck({ state: 'idle' }); return; }
    const mine = ++seq.current;
    setCheck(c => c.state === 'idle' ? { state: 'checking' } : c);
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const config = await api<LabelConfig>('POST', '/api/v1/label-configs/validate', { label_config: xml }, { signal: controller.signal });
        if (mine === seq.current) setCheck({ state: 'valid', config });
      } catch (e) {
        if (controller.signal.aborted || mine !== seq.current) return;
        setCheck({ state: 'invalid', errors: e instanceof ApiError ? e.messages : [String(e)] });
      }
    }, 300);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [xml]);
  return check;
}

export function ConfigPreview({ check }: { check: Check }) {
  const hotkeys = useMemo(() => check.state === 'valid' ? assignHotkeys((check as { config: LabelConfig }).config) : null, [check]);
  if (check.state === 'idle') return <p class="muted">Type a labeling configuration, or start from a template.</p>;
  if (check.state === 'checking') return <p class="muted">Checking…</p>;
  if (check.state === 'invalid') {
    return <div class="config-errors" role="alert" data-testid="config-errors"><strong>Not valid yet</strong><ul>{check.errors.map(e => <li>{e}</li>)}</ul></div>;
  }
  const c = check.config;
  return (
    <div class="config-preview" data-testid="config-preview">
      <p class="ok">✓ Valid configuration</p>
      <h3>Tasks carry</h3>
      <p>{c.variables.length ? c.variables.map(v => <code class="var">{'$' + v}</code>) : <span class="muted">no data keys</span>}</p>
      <h3>Shows</h3>
      <ul>{c.object_tags.map(o => <li><strong>{o.kind}</strong> <code>{o.name}</code> from <code>{o.value}</code></li>)}</ul>
      <h3>Annotators answer with</h3>
      <ul>{c.control_tags.map(ct => (
        <li><strong>{ct.kind}</strong> <code>{ct.name}</code> → {ct.to_names.join(', ')}
          {ct.options.length > 0 && <div class="chips">{ct.options.map(o => (
            <span class="chip" style={o.background ? { borderColor: o.background } : undefined}>
              {hotkeys?.get(ct.name + '\u0000' + o.value) && <kbd>{hotkeys.get(ct.name + '\u0000' + o.value)}</kbd>}{o.value}
            </span>))}</div>}
        </li>))}</ul>
    </div>
  );
}

export function NewProjectPage() {
  const [name, setName] = useState('');
  const [config, setConfig] = useState(templates['Image boxes + classification']);
  const [instructions, setInstructions] = useState('');
  const [overlap, setOverlap] = useState(1);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const check = useConfigCheck(config);

  async function create(e: Event) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      const p = await post<Project>('/api/v1/projects', { name, label_config: config, instructions, overlap });
      navigate(`/projects/${p.id}`);
    } catch (err) { setError(err); } finally { setBusy(false); }
  }

  return (
    <section class="page">
      <h1>New project</h1>
      <form class="project-form" onSubmit={create}>
        <div class="form-main">
          <label>Name<input name="name" required value={name} onInput={e => setName(e.currentTarget.value)} autoFocus /></label>
          <label class="row">Annotators per task
            <input name="overlap" type="number" min={1} max={100} value={overlap} onInput={e => setOverlap(+e.currentTarget.value || 1)} /></label>
          <div class="templates">Templates: {Object.keys(templates).map(t => (
            <button type="button" class="link" onClick={() => setConfig(templates[t])}>{t}</button>))}</div>
          <label>Labeling configuration
            <textarea name="label_config" class="code" rows={16} spellcheck={false} value={config} onInput={e => setConfig(e.currentTarget.value)} /></label>
          <label>Instructions for annotators
            <textarea name="instructions" rows={4} value={instructions} onInput={e => setInstructions(e.currentTarget.value)} /></label>
          <ErrorBox error={error} />
          <button class="primary" type="submit" disabled={busy || check.state === 'invalid'}>Create project</button>
        </div>
        <aside class="form-side" aria-live="polite"><ConfigPreview check={check} /></aside>
      </form>
    </section>
  );
}
