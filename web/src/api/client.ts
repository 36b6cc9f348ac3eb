/** The API, as the browser app calls it: JSON over fetch with the signed-in user's token. */
export interface ApiProblem {
  path: string;
  message: string;
  /** The zod code of a field's problem, and its bounds (minimum, maximum, origin). */
  code?: string;
  params?: Record<string, string | number>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiProblem[] = [],
    /** A refusal's reason key and the values its message names. */
    readonly params?: Record<string, string | number>,
    /** The error's details when they are not a list of field problems (e.g. whom to ask, for a refused sign-in). */
    readonly info?: unknown,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'govshare.token';

export const tokenStore = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (t: string) => localStorage.setItem(TOKEN_KEY, t),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const token = tokenStore.get();
  // A file goes as multipart/form-data (the browser writes its boundary); anything else as JSON.
  const form = init.body instanceof FormData;
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined && !form ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...init.headers,
    },
    body: form ? (init.body as FormData) : init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = body?.error ?? {};
    if (res.status === 401) tokenStore.clear();
    throw new ApiError(
      res.status,
      e.code ?? 'error',
      e.message ?? res.statusText,
      Array.isArray(e.details) ? e.details : [],
      e.params,
      Array.isArray(e.details) ? undefined : e.details,
    );
  }
  return body as T;
}

/** Query-string from defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
