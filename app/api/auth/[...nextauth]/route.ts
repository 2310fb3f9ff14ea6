/**
 * next-auth's routes behind a guard. A POST body is capped before anything reads it (413), only
 * the form encoding next-auth's sign-in and sign-out use is accepted (415), the email of a
 * sign-in is validated by the shared schema, and a throttled sign-in or a full Argon2 queue
 * answers before the credentials are checked (429 / 503, with Retry-After). The guard's refusals
 * are typed errors in the app's one envelope (`{ error: { code, message } }`); what next-auth
 * itself answers (its `{ url }`) is next-auth's protocol and passes unchanged.
 */
import { NextRequest } from 'next/server';
import { checkSignInThrottle } from '@/db/queries/accounts';
import { trustProxy } from '@/app/_server/auth';
import { errorResponse } from '@/app/_server/errors';
import { handleNextAuth } from '@/app/_server/next-auth-handler';
import { appStore } from '@/app/_server/store';
import { clientIp } from '@/lib/client-ip';
import { AppError } from '@/lib/errors';
import { readLimitedBody } from '@/lib/limited-body';
import { argon2Gate } from '@/lib/password';
import { describeRetryAfter } from '@/lib/throttle';
import { emailSchema } from '@/lib/validation';

type Context = { params: Promise<{ nextauth: string[] }> };

/** Sign-in, sign-out and next-auth's logger send a few hundred bytes; 8 KiB is plenty. */
export const AUTH_BODY_LIMIT_BYTES = 8 * 1024;
const FORM_TYPE = 'application/x-www-form-urlencoded';

function handler(req: NextRequest, context: Context) {
  return handleNextAuth(req, context);
}

export async function GET(req: NextRequest, context: Context) {
  return handler(req, context);
}

export async function POST(req: NextRequest, context: Context) {
  let replay: NextRequest;
  try {
    replay = await guard(req, context);
  } catch (error) {
    return errorResponse(error, { where: 'the sign-in guard' });
  }
  return handler(replay, context);
}

/**
 * The checks before next-auth reads a POST, each refusing with a typed error (answered through
 * the one error path, app/_server/errors.ts); the request next-auth gets otherwise.
 */
async function guard(req: NextRequest, context: Context): Promise<NextRequest> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== FORM_TYPE) {
    await req.body?.cancel().catch(() => undefined);
    throw new AppError('unsupported_type', 'request', `Send the form as ${FORM_TYPE}.`);
  }
  const body = await readLimitedBody(req, AUTH_BODY_LIMIT_BYTES);
  if (!body.ok) {
    throw new AppError('too_large', 'request', `The request is larger than ${AUTH_BODY_LIMIT_BYTES} bytes.`);
  }
  const { nextauth } = await context.params;
  if (nextauth[0] === 'callback' && nextauth[1] === 'credentials') {
    await guardSignIn(req, new URLSearchParams(body.text));
  }
  // next-auth reads the body again: hand it the bounded copy (its length is the copy's own).
  const headers = new Headers(req.headers);
  headers.delete('content-length');
  return new NextRequest(req.url, { method: 'POST', headers, body: body.text });
}

/** The cheap checks of a sign-in, in order: each refusal is thrown, before any password is hashed. */
async function guardSignIn(req: NextRequest, form: URLSearchParams): Promise<void> {
  const email = emailSchema.safeParse(form.get('email') ?? '');
  if (!email.success) {
    throw new AppError('unauthenticated', 'credentials', 'Incorrect email or password.');
  }
  if (argon2Gate.saturated()) {
    throw new AppError('unavailable', 'server', 'The server is busy. Try again in a few seconds.', {
      retryAfterSeconds: 5,
    });
  }
  const store = appStore();
  const verdict = await checkSignInThrottle(store, {
    email: email.data,
    ip: clientIp(req.headers, trustProxy()),
  });
  if (verdict.allowed) return;
  throw new AppError(
    'rate_limited',
    'sign_in',
    `Too many failed sign-in attempts. Try again in ${describeRetryAfter(verdict.retryAfterSeconds)}.`,
    { retryAfterSeconds: verdict.retryAfterSeconds },
  );
}
