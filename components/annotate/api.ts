/** Calls to the app's JSON endpoints, with their error shape turned into a message. */

export interface ApiError {
  message: string;
  field?: string;
  status: number;
  current?: Record<string, unknown>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export async function api<T>(
  method: string,
  url: string,
  body?: unknown,
  init: RequestInit = { cache: 'no-store' },
): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      ...init,
    });
    const data = (await res.json().catch(() => ({}))) as T & Partial<ApiError>;
    if (!res.ok) {
      return {
        ok: false,
        error: {
          message: data.message ?? `The request failed (HTTP ${res.status}).`,
          field: data.field?.split('.').pop(),
          status: res.status,
          current: data.current,
        },
      };
    }
    return { ok: true, data };
  } catch {
    return {
      ok: false,
      error: { message: 'Could not reach the server. Nothing was saved; try again.', status: 0 },
    };
  }
}
