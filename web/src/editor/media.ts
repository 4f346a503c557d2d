import { useEffect, useState } from 'preact/hooks';
import { storedToken } from '../api';

/**
 * The address to give an <img> or the waveform for a task's media value. Groundwork's own media URLs
 * (/api/v1/projects/{id}/media/...) need the caller's credentials: a session cookie goes with the element's
 * request by itself, but an API token (kept in sessionStorage) cannot, so with a token the file is fetched with
 * its Authorization header and shown from a blob: URL (revoked when the value changes). Other values pass unchanged.
 */
export function useMediaSrc(value: string): { src: string | null; error: string | null } {
  const own = value.startsWith('/api/');
  const token = own ? storedToken() : null;
  const [state, setState] = useState<{ src: string | null; error: string | null }>({ src: token ? null : value, error: null });
  useEffect(() => {
    if (!token) { setState({ src: value, error: null }); return; }
    const controller = new AbortController();
    let url: string | null = null;
    setState({ src: null, error: null });
    fetch(value, { headers: { Authorization: `Token ${token}` }, signal: controller.signal })
      .then(async r => {
        if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
        url = URL.createObjectURL(await r.blob());
        setState({ src: url, error: null });
      })
      .catch(e => { if (!controller.signal.aborted) setState({ src: null, error: String(e) }); });
    return () => { controller.abort(); if (url) URL.revokeObjectURL(url); };
  }, [value, token]);
  return state;
}
