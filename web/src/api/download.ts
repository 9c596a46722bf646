// CSV exports need the bearer token, which a plain link cannot send: fetch the file, then hand it to the browser
// as a download. Errors come back as the problem to show.
import type { ShownProblem } from './problem';

export function exportUrl(path: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  q.set('format', 'csv');
  return `${path}?${q.toString()}`;
}

export async function downloadWithToken(url: string, token: string | null, filename: string): Promise<ShownProblem | null> {
  let res: Response;
  try {
    res = await fetch(new URL(url, globalThis.location?.origin ?? 'http://localhost'), {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
  } catch (e) {
    return { status: null, title: 'The server cannot be reached', detail: e instanceof Error ? e.message : null, type: null };
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { title?: string; detail?: string; type?: string } | null;
    return { status: res.status, title: body?.title ?? `HTTP ${res.status}`, detail: body?.detail ?? null, type: body?.type ?? null };
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
  return null;
}
