/**
 * Serves next-auth's routes with the origin Warrant decides (lib/request-origin.ts) instead of
 * the one next-auth would build from X-Forwarded-Host/Proto (AUTH_TRUST_HOST) or a fixed
 * NEXTAUTH_URL. next-auth v4 reads its origin from process.env.NEXTAUTH_URL, synchronously, when
 * its handler is entered; so the variable is set around that synchronous call only and restored
 * before anything else can run. The origin also decides the cookies' Secure flag and names.
 */
import NextAuth from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { AppError } from '@/lib/errors';
import { getAuthOptions } from './auth';
import { errorResponse } from './errors';
import { originOf } from './request-origin';

type Context = { params: Promise<{ nextauth: string[] }> };
type Body = Record<string, string> | undefined;

async function readBody(req: NextRequest): Promise<Body> {
  if (req.method !== 'POST' || !req.body) return undefined;
  const type = req.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(await req.text()));
  if (type.includes('application/json')) {
    const data = (await req.json().catch(() => null)) as unknown;
    return data && typeof data === 'object' ? (data as Record<string, string>) : undefined;
  }
  return undefined;
}

/** The part of Node's ServerResponse that next-auth's handler uses, collected into a Response. */
class CollectedResponse {
  statusCode = 200;
  readonly headers = new Headers();
  body: BodyInit | null = null;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  getHeader(name: string) {
    const values = name.toLowerCase() === 'set-cookie' ? this.headers.getSetCookie() : this.headers.get(name);
    return values ?? undefined;
  }
  setHeader(name: string, value: string | string[]) {
    this.headers.delete(name);
    for (const v of Array.isArray(value) ? value : [value]) this.headers.append(name, v);
    return this;
  }
  json(data: unknown) {
    this.headers.set('Content-Type', 'application/json');
    this.body = JSON.stringify(data);
  }
  send(data: unknown) {
    if (data !== null && typeof data === 'object') return this.json(data);
    this.body = data === undefined ? null : String(data);
  }
  end() {}
  toResponse() {
    return new NextResponse(this.body, { status: this.statusCode, headers: this.headers });
  }
}

export async function handleNextAuth(req: NextRequest, context: Context): Promise<Response> {
  const origin = originOf(req.headers);
  if (!origin) {
    return errorResponse(new AppError('bad_request', 'host', 'The request has no valid Host header.'), {
      where: 'the next-auth handler',
    });
  }
  const { nextauth } = await context.params;
  const body = await readBody(req);
  const res = new CollectedResponse();
  const request = {
    method: req.method,
    query: { ...Object.fromEntries(req.nextUrl.searchParams), nextauth },
    body,
    headers: Object.fromEntries(req.headers),
    cookies: Object.fromEntries(req.cookies.getAll().map((c) => [c.name, c.value])),
  };
  const options = getAuthOptions(origin);
  // Set, call (next-auth reads it before its first await), restore: no other request sees it.
  const configured = process.env.NEXTAUTH_URL;
  process.env.NEXTAUTH_URL = origin;
  let pending: Promise<unknown>;
  try {
    pending = (NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<unknown>)(
      request,
      res,
      options,
    );
  } finally {
    if (configured === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = configured;
  }
  await pending;
  return res.toResponse();
}
