/**
 * next-auth's routes behind a guard. A POST body is capped before anything reads it (413), only
 * the form encoding next-auth's sign-in and sign-out use is accepted (415), the email of a
 * sign-in is validated by the shared schema, and a throttled sign-in or a full Argon2 queue
 * answers before the credentials are checked (429 / 503, with Retry-After).
 */
import { NextRequest, NextResponse } from 'next/server';
import { checkSignInThrottle } from '@/db/queries/accounts';
import { trustProxy } from '@/app/_server/auth';
import { handleNextAuth } from '@/app/_server/next-auth-handler';
import { appStore } from '@/app/_server/store';
import { clientIp } from '@/lib/client-ip';
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

const refuse = (status: number, error: string, message: string, headers?: Record<string, string>) =>
  NextResponse.json({ error, message }, { status, headers });

export async function POST(req: NextRequest, context: Context) {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== FORM_TYPE) {
    await req.body?.cancel().catch(() => undefined);
    return refuse(415, 'unsupported_type', `Send the form as ${FORM_TYPE}.`);
  }
  const body = await readLimitedBody(req, AUTH_BODY_LIMIT_BYTES);
  if (!body.ok) {
    return refuse(413, 'too_large', `The request is larger than ${AUTH_BODY_LIMIT_BYTES} bytes.`);
  }
  const { nextauth } = await context.params;
  if (nextauth[0] === 'callback' && nextauth[1] === 'credentials') {
    const refused = await guardSignIn(req, new URLSearchParams(body.text));
    if (refused) return refused;
  }
  // next-auth reads the body again: hand it the bounded copy (its length is the copy's own).
  const headers = new Headers(req.headers);
  headers.delete('content-length');
  const replay = new NextRequest(req.url, { method: 'POST', headers, body: body.text });
  return handler(replay, context);
}

/** The cheap checks of a sign-in, in order; null when it may go on to next-auth. */
async function guardSignIn(req: NextRequest, form: URLSearchParams): Promise<NextResponse | null> {
  const email = emailSchema.safeParse(form.get('email') ?? '');
  if (!email.success) {
    const url = new URL('/sign-in?error=CredentialsSignin', req.url).toString();
    return NextResponse.json(
      { url, error: 'invalid_credentials', message: 'Incorrect email or password.' },
      { status: 401 },
    );
  }
  if (argon2Gate.saturated()) {
    return refuse(503, 'busy', 'The server is busy. Try again in a few seconds.', { 'Retry-After': '5' });
  }
  const store = appStore();
  const verdict = await checkSignInThrottle(store, {
    email: email.data,
    ip: clientIp(req.headers, trustProxy()),
  });
  if (verdict.allowed) return null;
  const url = new URL('/sign-in?error=RateLimited', req.url).toString();
  return NextResponse.json(
    {
      url,
      error: 'rate_limited',
      message: `Too many failed sign-in attempts. Try again in ${describeRetryAfter(verdict.retryAfterSeconds)}.`,
    },
    { status: 429, headers: { 'Retry-After': String(verdict.retryAfterSeconds) } },
  );
}
