import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './styles.css';
// The annotation libraries' styles are small and go in app.css; their code is loaded per editor (editor/lazy.tsx).
import '@annotorious/annotorious/annotorious.css';
import '@recogito/text-annotator/text-annotator.css';
import 'uplot/dist/uPlot.min.css';
import { currentSession, Session, setUnauthorizedHandler, signOut } from './api';
import { interceptLinks, match, navigate, usePath } from './router';
import { SignInPage } from './pages/SignIn';
import { ProjectsPage } from './pages/Projects';
import { NewProjectPage } from './pages/NewProject';
import { ProjectPage } from './pages/Project';
import { LabelPage } from './pages/Label';
import { ReviewPage } from './pages/Review';
import { ReviewsPage } from './pages/Reviews';
import { DashboardPage } from './pages/Dashboard';
import { TaskPage } from './pages/Task';
import { DemoBanner } from './pages/DemoBanner';

function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  useEffect(() => {
    setUnauthorizedHandler(() => { setSession(null); });
    currentSession().then(setSession, () => setSession(null));
  }, []);

  useEffect(() => {
    if (session === null && !path.startsWith('/sign-in')) navigate('/sign-in?next=' + encodeURIComponent(path), true);
  }, [session, path]);

  if (session === undefined) return <p class="boot">Loading Groundwork…</p>;
  if (path.startsWith('/sign-in') || session === null) {
    return <SignInPage onSignedIn={s => {
      setSession(s);
      const next = new URLSearchParams(location.search).get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/', true);
    }} />;
  }

  let page;
  let params: Record<string, string> | null;
  let fullBleed = false;
  if (path.split('?')[0] === '/' || path.startsWith('/projects?')) page = <ProjectsPage />;
  else if (match('/projects/new', path)) page = <NewProjectPage />;
  else if ((params = match('/projects/:id/label', path))) { page = <LabelPage projectId={+params.id} key={path} />; fullBleed = true; }
  else if ((params = match('/projects/:id/dashboard', path))) page = <DashboardPage projectId={+params.id} key={path} />;
  else if ((params = match('/projects/:id/tasks/:task', path))) page = <TaskPage projectId={+params.id} taskId={+params.task} key={path} />;
  else if ((params = match('/projects/:id/reviews', path))) page = <ReviewsPage projectId={+params.id} key={path} />;
  else if ((params = match('/projects/:id/review', path))) { page = <ReviewPage projectId={+params.id} key={path} />; fullBleed = true; }
  else if ((params = match('/projects/:id/tasks/:task/label', path))) { page = <LabelPage projectId={+params.id} taskId={+params.task} key={path} />; fullBleed = true; }
  else if ((params = match('/projects/:id', path))) page = <ProjectPage projectId={+params.id} key={params.id} />;
  else page = <section class="page"><h1>Not found</h1><p>Nothing lives at <code>{path}</code>. <a href="/">Back to projects</a></p></section>;

  return (
    <div class={fullBleed ? 'shell workspace-shell' : 'shell'}>
      <header class="topbar">
        <a class="brand" href="/">Groundwork</a>
        <nav><a href="/">Projects</a><a href="/docs" target="_blank" rel="noopener">API</a></nav>
        <span class="who">{session.demo && <span class="demo-badge">demo</span>}{session.user ? session.user.name || session.user.email : 'API token'}</span>
        <button class="link" onClick={async () => { await signOut(); setSession(null); navigate('/sign-in', true); }}>Sign out</button>
      </header>
      <main>{session.demo && path.split('?')[0] === '/' && <DemoBanner />}{page}</main>
    </div>
  );
}

interceptLinks();
render(<App />, document.getElementById('app')!);
