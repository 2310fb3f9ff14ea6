/**
 * Calls to the app's JSON endpoints, with their error envelope (`{ error: { code, message,
 * field? }, current? }`, lib/errors.ts) turned into a message.
 */
import { envelopeError } from '@/lib/errors';

export interface ApiError {
  /** The typed code (`kind:object`), when the server answered one. */
  code?: string;
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
    const data = (await res.json().catch(() => ({}))) as unknown;
    if (!res.ok) {
      const error = envelopeError(data);
      return {
        ok: false,
        error: {
          code: error?.code,
          message: error?.message ?? `The request failed (HTTP ${res.status}).`,
          field: error?.field?.split('.').pop(),
          status: res.status,
          current: error?.current as Record<string, unknown> | undefined,
        },
      };
    }
    return { ok: true, data: data as T };
  } catch {
    return {
      ok: false,
      error: { message: 'Could not reach the server. Nothing was saved; try again.', status: 0 },
    };
  }
}
