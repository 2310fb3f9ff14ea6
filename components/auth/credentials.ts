/**
 * Client-side calls to next-auth's endpoints, keeping the HTTP status (429 needs its message). A
 * refusal of the sign-in guard is the app's error envelope (lib/errors.ts); next-auth's own
 * answer is `{ url }`, with the error in its query.
 */
import { envelopeError } from '@/lib/errors';

export type SignInOutcome = { ok: true } | { ok: false; message: string; retryAfterSeconds?: number };

export const INVALID_CREDENTIALS = 'Incorrect email or password.';

async function csrfToken(): Promise<string> {
  const res = await fetch('/api/auth/csrf', { cache: 'no-store' });
  const data = (await res.json()) as { csrfToken?: string };
  return data.csrfToken ?? '';
}

export async function signInWithCredentials(email: string, password: string): Promise<SignInOutcome> {
  try {
    const body = new URLSearchParams({ email, password, csrfToken: await csrfToken(), json: 'true' });
    const res = await fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Auth-Return-Redirect': '1' },
      body,
    });
    if (res.status === 429 || res.status === 503) {
      const data = (await res.json().catch(() => ({}))) as unknown;
      return {
        ok: false,
        message:
          envelopeError(data)?.message ??
          (res.status === 503
            ? 'The server is busy. Try again in a few seconds.'
            : 'Too many failed sign-in attempts. Try again later.'),
        retryAfterSeconds: Number(res.headers.get('Retry-After')) || undefined,
      };
    }
    const data = (await res.json().catch(() => ({}))) as { url?: string };
    const error = data.url ? new URL(data.url, window.location.origin).searchParams.get('error') : null;
    if (!res.ok || error) {
      if (error === 'RateLimited')
        return { ok: false, message: 'Too many failed sign-in attempts. Try again later.' };
      if (error === 'Busy') return { ok: false, message: 'The server is busy. Try again in a few seconds.' };
      return { ok: false, message: INVALID_CREDENTIALS };
    }
    return { ok: true };
  } catch {
    return { ok: false, message: 'Could not reach the server. Check your connection and try again.' };
  }
}

export async function signOutEverywhereHere(): Promise<void> {
  const body = new URLSearchParams({ csrfToken: await csrfToken(), json: 'true' });
  await fetch('/api/auth/signout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Auth-Return-Redirect': '1' },
    body,
  });
}
