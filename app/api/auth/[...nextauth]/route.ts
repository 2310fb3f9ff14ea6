/**
 * next-auth's routes, with one addition: a throttled sign-in answers HTTP 429 with Retry-After
 * before the credentials are even checked.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { checkSignInThrottle } from '@/db/queries/accounts';
import { trustProxy } from '@/app/_server/auth';
import { handleNextAuth } from '@/app/_server/next-auth-handler';
import { clientIp } from '@/lib/client-ip';
import { describeRetryAfter } from '@/lib/throttle';

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(req: NextRequest, context: Context) {
  return handleNextAuth(req, context);
}

export async function GET(req: NextRequest, context: Context) {
  return handler(req, context);
}

export async function POST(req: NextRequest, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth[0] === 'callback' && nextauth[1] === 'credentials') {
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const email = String(form?.get('email') ?? '');
    if (email) {
      const verdict = await checkSignInThrottle({ email, ip: clientIp(req.headers, trustProxy()) });
      if (!verdict.allowed) {
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
    }
  }
  return handler(req, context);
}
