import { useState } from 'preact/hooks';
import { api } from '../api';
import type { Project } from '../types';
import { ErrorBox } from './common';
import { ConfigPreview, useConfigCheck } from './NewProject';

/** Edits a project's name, overlap, labeling configuration (checked as you type) and instructions. */
export function ProjectSettings({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const [name, setName] = useState(project.name);
  const [config, setConfig] = useState(project.label_config);
  const [instructions, setInstructions] = useState(project.instructions);
  const [overlap, setOverlap] = useState(project.overlap);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const check = useConfigCheck(config);

  async function save(e: Event) {
    e.preventDefault();
    setError(null); setSaved(false);
    try {
      const p = await api<Project>('PATCH', `/api/v1/projects/${project.id}`, { name, label_config: config, instructions, overlap });
      setSaved(true); onSaved(p);
    } catch (err) { setError(err); }
  }

  return (
    <form class="project-form" onSubmit={save} aria-label="Project settings">
      <div class="form-main">
        <label>Name<input name="name" required value={name} onInput={e => setName(e.currentTarget.value)} /></label>
        <label class="row">Annotators per task
          <input name="overlap" type="number" min={1} max={100} value={overlap} onInput={e => setOverlap(+e.currentTarget.value || 1)} /></label>
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
