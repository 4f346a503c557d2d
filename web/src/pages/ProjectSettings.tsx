import { useState } from 'preact/hooks';
import { api } from '../api';
import type { Project } from '../types';
import { ErrorBox } from './common';
import { ConfigPreview, useConfigCheck } from './NewProject';

/** Edits a project's name, overlap, review policy, labeling configuration (checked as you type) and instructions. */
export function ProjectSettings({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const [name, setName] = useState(project.name);
  const [config, setConfig] = useState(project.label_config);
  const [instructions, setInstructions] = useState(project.instructions);
  const [overlap, setOverlap] = useState(project.overlap);
  const [reviewPolicy, setReviewPolicy] = useState(project.review_policy ?? 'none');
  const [sampleRate, setSampleRate] = useState(project.review_sample_rate ?? 1);
  const [threshold, setThreshold] = useState(project.review_threshold ?? 0);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const check = useConfigCheck(config);

  async function save(e: Event) {
    e.preventDefault();
    setError(null); setSaved(false);
    try {
      const p = await api<Project>('PATCH', `/api/v1/projects/${project.id}`, {
        name, label_config: config, instructions, overlap,
        review_policy: reviewPolicy, review_sample_rate: sampleRate, review_threshold: threshold,
      });
      setSaved(true); onSaved(p);
    } catch (err) { setError(err); }
  }

  return (
    <form class="project-form" onSubmit={save} aria-label="Project settings">
      <div class="form-main">
        <label>Name<input name="name" required value={name} onInput={e => setName(e.currentTarget.value)} /></label>
        <label class="row">Annotators per task
          <input name="overlap" type="number" min={1} max={100} value={overlap} onInput={e => setOverlap(+e.currentTarget.value || 1)} /></label>
        <fieldset class="review-settings">
          <legend>Review</legend>
          <label class="row">Review queue
            <select name="review_policy" value={reviewPolicy} onChange={e => setReviewPolicy(e.currentTarget.value as typeof reviewPolicy)}>
              <option value="none">none</option>
              <option value="all">every annotation</option>
              <option value="uncertain">tasks with an uncertain consensus</option>
            </select></label>
          <label class="row">Share reviewed
            <input name="review_sample_rate" type="number" min={0.0001} max={1} step="any" value={sampleRate} onInput={e => setSampleRate(+e.currentTarget.value)} /></label>
          <label class="row">Uncertain below confidence
            <input name="review_threshold" type="number" min={0} max={1} step="any" value={threshold} onInput={e => setThreshold(+e.currentTarget.value)} />
            <span class="hint">0: the adaptive-overlap target</span></label>
        </fieldset>
        <label>Labeling configuration
          <textarea name="label_config" class="code" rows={14} spellcheck={false} value={config} onInput={e => setConfig(e.currentTarget.value)} /></label>
        <label>Instructions for annotators
          <textarea name="instructions" rows={4} value={instructions} onInput={e => setInstructions(e.currentTarget.value)} /></label>
        <ErrorBox error={error} />
        {saved && <p class="ok">Saved.</p>}
        <button class="primary" type="submit" disabled={check.state === 'invalid'}>Save settings</button>
      </div>
      <aside class="form-side" aria-live="polite"><ConfigPreview check={check} /></aside>
    </form>
  );
}
