/**
 * Runs before every request. Two jobs only: set a Content-Security-Policy with a fresh nonce,
 * and send anonymous visitors of app pages to sign-in. Authorization lives in db/queries.
 */
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { getSessionSecret } from '@/db/secret';
import { readerPreload } from '@/lib/reader-preload';
import { requestOrigin } from '@/lib/request-origin';
import { safeCallbackUrl } from '@/lib/safe-redirect';

const PUBLIC_PREFIXES = ['/sign-in', '/sign-up', '/invite/', '/_next/', '/favicon'];

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Styles may be inline: Radix and Tiptap inject <style> elements at run time. Scripts may not.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

export async function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const { pathname, search } = request.nextUrl;

  const isPublic = pathname === '/' ? false : PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
  if (!isPublic) {
    // The origin as Warrant decides it (never from forged X-Forwarded-*): it names the cookie.
    const origin =
      requestOrigin(request.headers, {
        trustProxy: process.env.TRUST_PROXY === 'true',
        configured: process.env.NEXTAUTH_URL,
      }) ?? 'http://localhost';
    const token = await getToken({
      req: request,
      secret: getSessionSecret(),
      secureCookie: origin.startsWith('https://'),
    });
    if (!token) {
      const url = new URL('/sign-in', origin);
      const callbackUrl = safeCallbackUrl(pathname + search, origin);
      if (callbackUrl !== '/') url.searchParams.set('callbackUrl', callbackUrl);
      const response = NextResponse.redirect(url);
      response.headers.set('Content-Security-Policy', csp);
      return response;
    }
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  const preload = readerPreload(pathname);
  if (preload) response.headers.set('Link', preload);
  return response;
}

// API routes are left out: they answer JSON (with a strict CSP from next.config.js), and the
// proxy would buffer, and cut at 10 MB, every upload body.
export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|api/).*)' }],
};
