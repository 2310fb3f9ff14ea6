/**
 * next-auth (v4) glue: a credentials provider over the data layer, JWT cookies that name a
 * server-side session row, and `getActor()`, the one way pages and actions learn who is acting.
 */
import type { NextAuthOptions } from 'next-auth';
import { getServerSession } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { recordSignOut, signInWithPassword } from '@/db/queries/accounts';
import { resolveSession, sessionMaxAgeSeconds } from '@/db/queries/sessions';
import type { Actor } from '@/db/queries/access';
import { getSessionSecret } from '@/db/secret';
import { clientIp } from '@/lib/client-ip';
import { safeCallbackUrl } from '@/lib/safe-redirect';
import { currentRequestOrigin, trustProxy } from './request-origin';
import { appStore } from './store';

export { trustProxy };

function headerGetter(h: Record<string, string | string[] | undefined> | undefined) {
  return {
    get(name: string) {
      const v = h?.[name.toLowerCase()];
      return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
    },
  };
}

let options: NextAuthOptions | undefined;

/**
 * Built on first use, so that `next build` never touches the data directory. The request's
 * origin (decided by Warrant, see request-origin.ts) sets the cookies' Secure flag.
 */
export function getAuthOptions(origin: string): NextAuthOptions {
  return { ...baseAuthOptions(), useSecureCookies: origin.startsWith('https://') };
}

function baseAuthOptions(): NextAuthOptions {
  options ??= {
    secret: getSessionSecret(),
    // The cookie lives as long as a session may (the absolute lifetime); the row decides the rest.
    session: { strategy: 'jwt', maxAge: sessionMaxAgeSeconds() },
    jwt: { maxAge: sessionMaxAgeSeconds() },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials, req) {
          const email = String(credentials?.email ?? '');
          const password = String(credentials?.password ?? '');
          if (!email || !password) return null;
          const h = headerGetter(req.headers);
          const result = await signInWithPassword(appStore(), {
            email,
            password,
            ip: clientIp(h, trustProxy()),
            userAgent: h.get('user-agent'),
          });
          if (!result.ok) {
            if (result.reason === 'rate_limited') throw new Error('RateLimited');
            if (result.reason === 'busy') throw new Error('Busy');
            return null;
          }
          return { id: result.userId, email: result.email, name: result.name, sid: result.sessionId };
        },
      }),
    ],
    callbacks: {
      // Every redirect next-auth decides stays on this site, through the one safe-redirect check.
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackUrl(url, baseUrl)}`;
      },
      async jwt({ token, user }) {
        if (user && 'sid' in user) token.sid = String(user.sid);
        return token;
      },
      async session({ session, token }) {
        return { ...session, sid: typeof token.sid === 'string' ? token.sid : undefined };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === 'string' && token.sub) {
          await recordSignOut(appStore(), { userId: token.sub, sessionId: token.sid });
        }
      },
    },
  };
  return options;
}

export interface CurrentUser extends Actor {
  email: string;
  name: string;
  sessionId: string;
}

/** The signed-in user of this request, or null. Checks the session row on every request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = (await getServerSession(getAuthOptions(await currentRequestOrigin()))) as {
    sid?: string;
  } | null;
  if (!session?.sid) return null;
  const live = await resolveSession(appStore(), { sessionId: session.sid });
  if (!live) return null;
  const ip = clientIp(await headers(), trustProxy());
  return { ...live, ip };
});

/** For pages and actions that need a user: anonymous visitors go to sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  return user;
}
