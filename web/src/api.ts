// The REST client: JSON in snake_case, RFC 7807 problems turned into ApiError, and the two ways to be signed in:
// a session cookie (with its CSRF token on unsafe requests) or an API token kept for this tab in sessionStorage.

export interface User { id: number; email: string; name: string; is_admin: boolean }
export interface Session { user: User | null; via: 'cookie' | 'token'; demo?: boolean }

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly title: string,
    public readonly detail: string | undefined,
    public readonly errors: Record<string, string[]> | undefined,
    public readonly field?: string,
    public readonly line?: number,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }

  /** Every message the problem carries, for showing under a form. */
  get messages(): string[] {
    const list: string[] = [];
    if (this.errors) for (const messages of Object.values(this.errors)) list.push(...messages);
    if (list.length === 0) list.push(this.detail ?? this.title);
    return list;
  }
}

const tokenKey = 'groundwork.token';
/** Set in this tab after signing out of a demo session, so the demo does not sign the tab straight back in. */
const demoOffKey = 'groundwork.demo-off';
let csrfToken: string | null = null;
/** The demo sign-in route, when the server runs with --demo (it says so in its 401 from /api/v1/auth/session). */
let demoRoute: string | null = null;
let demoSession = false;
const demoEmail = 'demo@example.org';
export function demoAvailable(): boolean { return demoRoute !== null; }
let onUnauthorized: (() => void) | null = null;

export function setUnauthorizedHandler(handler: () => void) { onUnauthorized = handler; }
export function storedToken(): string | null { return sessionStorage.getItem(tokenKey); }

function headers(method: string, extra?: Record<string, string>): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json', ...extra };
  const token = storedToken();
  if (token) h.Authorization = `Token ${token}`;
  else if (csrfToken && method !== 'GET' && method !== 'HEAD') h['X-CSRF-Token'] = csrfToken;
  return h;
}

export async function toError(response: Response): Promise<ApiError> {
  let body: any = null;
  try { body = await response.json(); } catch { /* not JSON */ }
  return new ApiError(response.status, body?.title ?? response.statusText ?? `HTTP ${response.status}`,
    body?.detail, body?.errors, body?.field, body?.line);
}

export async function request(method: string, path: string, body?: unknown, init?: { contentType?: string; signal?: AbortSignal; quiet401?: boolean }): Promise<Response> {
  const extra: Record<string, string> = {};
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Blob || body instanceof FormData) {
      payload = body as BodyInit;
      if (init?.contentType) extra['Content-Type'] = init.contentType;
    } else {
      payload = JSON.stringify(body);
      extra['Content-Type'] = 'application/json';
    }
  }
  const response = await fetch(path, { method, headers: headers(method, extra), body: payload, credentials: 'same-origin', signal: init?.signal });
  if (response.status === 401 && !init?.quiet401 && onUnauthorized) onUnauthorized();
  if (!response.ok) throw await toError(response);
  return response;
}

export async function api<T>(method: string, path: string, body?: unknown, init?: { signal?: AbortSignal; quiet401?: boolean }): Promise<T> {
  const response = await request(method, path, body, init);
  if (response.status === 204 || response.headers.get('Content-Length') === '0') return undefined as T;
  return await response.json() as T;
}

export const get = <T>(path: string, signal?: AbortSignal) => api<T>('GET', path, undefined, { signal });
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});

/** Signs in with email and password: the server sets an HttpOnly cookie and hands back the CSRF token. */
export async function signInWithPassword(email: string, password: string): Promise<Session> {
  sessionStorage.removeItem(tokenKey);
  demoSession = false;
  const r = await api<{ user: User; csrf_token: string }>('POST', '/api/v1/auth/sign-in', { email, password }, { quiet401: true });
  csrfToken = r.csrf_token;
  return { user: r.user, via: 'cookie' };
}

/** Signs in with an API token, kept in this tab only; checked against the server before it is kept. */
export async function signInWithToken(token: string): Promise<Session> {
  sessionStorage.setItem(tokenKey, token.trim());
  try {
    const session = await currentSession();
    if (!session) throw new ApiError(401, 'The token was not accepted', 'Check that you copied the whole token.', undefined);
    return session;
  } catch (e) {
    sessionStorage.removeItem(tokenKey);
    throw e;
  }
}

/** The signed-in user, or null: a token is checked with /api/v1/me, a browser session with /api/v1/auth/session. */
export async function currentSession(): Promise<Session | null> {
  const via = storedToken() ? 'token' : 'cookie';
  if (via === 'token') {
    const me = await fetch('/api/v1/me', { headers: headers('GET') });
    if (me.ok) return { user: await me.json() as User, via };
    if (me.status === 401) return null;
    throw await toError(me);
  }
  const response = await fetch('/api/v1/auth/session', { headers: headers('GET'), credentials: 'same-origin' });
  if (response.ok) {
    const body = await response.json() as { user: User; csrf_token?: string };
    if (body.csrf_token) csrfToken = body.csrf_token;
    return { user: body.user, via, demo: demoSession || body.user.email === demoEmail };
  }
  try {
    const problem = await response.json() as { demo_sign_in?: unknown };
    demoRoute = typeof problem.demo_sign_in === 'string' && problem.demo_sign_in.startsWith('/api/') ? problem.demo_sign_in : null;
  } catch { demoRoute = null; }
  if (demoRoute && !sessionStorage.getItem(demoOffKey)) return await signInAsDemo();
  return null;
}

/** Demo mode only: a session as the demo user, no password asked (the route exists only on a server run with --demo). */
export async function signInAsDemo(): Promise<Session> {
  sessionStorage.removeItem(tokenKey);
  sessionStorage.removeItem(demoOffKey);
  const r = await api<{ user: User; csrf_token: string }>('POST', demoRoute ?? '/api/v1/auth/demo', {}, { quiet401: true });
  csrfToken = r.csrf_token;
  demoSession = true;
  return { user: r.user, via: 'cookie', demo: true };
}

export async function signOut(): Promise<void> {
  const hadToken = storedToken();
  sessionStorage.removeItem(tokenKey);
  if (demoRoute || demoSession) sessionStorage.setItem(demoOffKey, '1');
  demoSession = false;
  if (!hadToken) {
    try { await request('POST', '/api/v1/auth/sign-out', {}, { quiet401: true }); } catch { /* already gone */ }
  }
  csrfToken = null;
}

/** Uploads with XMLHttpRequest, the one browser API that reports upload progress. */
export function upload<T>(path: string, form: FormData, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [k, v] of Object.entries(headers('POST'))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded, e.total); };
    xhr.onload = () => {
      let body: any = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(new ApiError(xhr.status, body?.title ?? `HTTP ${xhr.status}`, body?.detail, body?.errors, body?.field, body?.line));
    };
    xhr.onerror = () => reject(new ApiError(0, 'The upload failed', 'The connection to the server was lost.', undefined));
    xhr.onabort = () => reject(new ApiError(0, 'The upload was canceled', undefined, undefined));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

/** Downloads through fetch (so the token header goes along) and saves the body as a file. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await request('GET', path);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = match ? decodeURIComponent(match[1]) : fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
