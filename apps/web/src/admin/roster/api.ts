import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { CSRF_COOKIE, CSRF_HEADER, type Page, type RosterImport, type RosterImportCreated } from '@gonghui/contracts';
import { ApiError, readCookie } from '../../lib/api';
import { t } from '../../lib/i18n';

export const rosterKeys = {
  imports: ['roster', 'imports'] as const,
  import: (id: string) => ['roster', 'import', id] as const,
};

export function useRosterImports(orgId?: string) {
  return useInfiniteQuery({
    queryKey: [...rosterKeys.imports, orgId ?? null],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const qs = new URLSearchParams({ limit: '10' });
      if (orgId) qs.set('orgId', orgId);
      if (pageParam) qs.set('cursor', pageParam);
      return getJson<Page<RosterImport>>(`/api/roster/imports?${qs.toString()}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** One import, polled every second while it is queued or running (the progress bar). */
export function useRosterImport(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: rosterKeys.import(id ?? ''),
    enabled: !!id,
    queryFn: async () => {
      const imp = await getJson<RosterImport>(`/api/roster/imports/${encodeURIComponent(id!)}`);
      if (imp.status === 'done' || imp.status === 'failed') void qc.invalidateQueries({ queryKey: rosterKeys.imports });
      return imp;
    },
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
    staleTime: 0,
  });
}

async function getJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'include', headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', t.common.networkError);
  }
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as T;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; details?: unknown } } | undefined;
  try {
    body = (await res.json()) as typeof body;
  } catch {
    body = undefined;
  }
  return new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message || t.common.unknownError, body?.error?.details);
}

/**
 * Upload a roster file (multipart, with the CSRF header like every mutation). XHR rather than
 * fetch: it reports upload progress, which matters for a 200 MB file.
 */
export function uploadRoster(orgId: string, file: File, onProgress: (pct: number) => void): Promise<RosterImportCreated> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/roster/imports');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.floor((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', t.common.networkError));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as RosterImportCreated);
      const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      reject(new ApiError(xhr.status, err?.code ?? `HTTP_${xhr.status}`, err?.message || t.common.unknownError, err?.details));
    };
    const form = new FormData();
    form.append('orgId', orgId);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** GET a file and save it under the server's file name (errors come back as ApiError, not as a page). */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'include' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', t.common.networkError);
  }
  if (!res.ok) throw await toApiError(res);
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const name = m ? decodeURIComponent(m[1]!) : fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
