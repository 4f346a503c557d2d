import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import type { Project } from '../types';
import { ErrorBox, formatDate } from './common';

export function ProjectsPage() {
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { get<Project[]>('/api/v1/projects').then(setProjects, setError); }, []);
  return (
    <section class="page">
      <div class="page-head"><h1>Projects</h1><a class="button primary" href="/projects/new">New project</a></div>
      <ErrorBox error={error} />
      {projects === null && !error && <p class="muted">Loading…</p>}
      {projects?.length === 0 && <p class="empty">No projects yet. <a href="/projects/new">Create the first one</a>.</p>}
      {projects && projects.length > 0 && (
        <table class="grid">
          <thead><tr><th>Name</th><th>Overlap</th><th>Created</th><th></th></tr></thead>
          <tbody>{projects.map(p => (
            <tr key={p.id}>
              <td><a href={`/projects/${p.id}`}>{p.name}</a></td>
              <td>{p.overlap}</td>
              <td>{formatDate(p.created_at)}</td>
              <td class="actions"><a href={`/projects/${p.id}/label`}>Label</a></td>
            </tr>))}
          </tbody>
        </table>)}
    </section>
  );
}
