/**
 * The standing authorization matrix (issue 11): every route handler and server action found in
 * app/ is called as nobody, as a member of another workspace, as the instance administrator and
 * as each role of the workspace that holds the object, on a fresh copy of one seeded world (a new
 * store, installed as the one the app's handlers get from appStore()). The
 * answers must be those of the one table in app/_authz/table.ts; an answer to someone outside
 * the workspace must not contain any of its data.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { entryFiles, entryPoints, type EntryPoint } from './_authz/discover';
import { invoke } from './_authz/invoke';
import { REFERENCE_CASES } from './_authz/references';
import {
  ACTIONS,
  expected,
  ROUTES,
  type ActionCall,
  type Entry,
  type Outcome,
  type RouteCall,
} from './_authz/table';
import { buildWorld, CALLERS, MARKERS, type Caller, type World } from './_authz/world';
import { changedTables, tableDigests } from '@/db/engines/sqlite-snapshot';
import type { SqliteStore } from '@/db/engines/sqlite';

vi.mock('next/navigation', async () => {
  const { RedirectSignal } = await import('./_authz/session');
  const redirect = (url: string) => {
    throw new RedirectSignal(url);
  };
  return {
    redirect,
    permanentRedirect: redirect,
    notFound: () => {
      throw new Error('notFound() called');
    },
    unstable_rethrow: (error: unknown) => {
      if (error instanceof RedirectSignal) throw error;
    },
  };
});

vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  revalidatePath: () => undefined,
  revalidateTag: () => undefined,
}));

vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'user-agent': 'authz-matrix', host: 'localhost' }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set() {}, delete() {} }),
}));

// Act as the chosen user instead of reading a next-auth cookie.
vi.mock('@/app/_server/auth', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/app/_server/auth')>();
  const { session, RedirectSignal } = await import('./_authz/session');
  return {
    ...actual,
    getCurrentUser: async () => session.user,
    requireUser: async () => {
      if (!session.user) throw new RedirectSignal('/sign-in');
      return session.user;
    },
  };
});

// Records every typed error made, so that a server action's refusal can be told by its kind.
vi.mock('@/lib/errors', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/errors')>();
  const { session } = await import('./_authz/session');
  class AppError extends actual.AppError {
    constructor(...args: ConstructorParameters<typeof actual.AppError>) {
      super(...args);
      session.errors.push(this);
    }
  }
  const wrapped: Record<string, unknown> = { ...actual, AppError };
  for (const [name, value] of Object.entries(actual)) {
    if (typeof value !== 'function' || name === 'AppError' || name === 'isAppError') continue;
    wrapped[name] = (...args: unknown[]) => {
      const result = (value as (...a: unknown[]) => unknown)(...args);
      if (result instanceof actual.AppError) session.errors.push(result);
      return result;
    };
  }
  return wrapped;
});

process.env.NEXTAUTH_SECRET ||= 'authz-matrix-secret-authz-matrix-secret-0123';
process.env.NEXTAUTH_URL ||= 'http://localhost';

// next-auth loads next/headers with a CommonJS require() that vi.mock does not reach: give its
// copy the same request-less stand-ins.
const nextHeaders = createRequire(createRequire(import.meta.url).resolve('next-auth/next'))('next/headers');
Object.assign(nextHeaders, await import('next/headers'));

const root = fileURLToPath(new URL('..', import.meta.url));
const files = entryFiles(root);
const load = async (list: string[]) =>
  Object.fromEntries(
    await Promise.all(
      list.map(async (f) => [
        f,
        (await import(/* @vite-ignore */ path.join(root, f))) as Record<string, unknown>,
      ]),
    ),
  );
const modules = { routes: await load(files.routes), actions: await load(files.actions) };
const found = entryPoints(modules);
const TABLE: Record<string, Entry<RouteCall | ActionCall>> = { ...ROUTES, ...ACTIONS };

const OUTSIDE: Caller[] = ['anonymous', 'outsider', 'admin', 'former'];

let world: World;
let restore: () => Promise<SqliteStore>;
let initial: Map<string, string>;

beforeAll(async () => {
  ({ world, restore } = await buildWorld());
  initial = tableDigests(await restore());
}, 60_000);

describe('the authorization matrix', () => {
  it('finds the routes and server actions of the app', () => {
    expect(files.routes.length).toBeGreaterThan(30);
    expect(files.actions.length).toBeGreaterThan(5);
  });

  it('has a row for every route and action, and no row for one that no longer exists', () => {
    const keys = new Set(found.map((e) => e.key));
    const missing = [...keys].filter((k) => !TABLE[k]).map((k) => `no row in app/_authz/table.ts for ${k}`);
    const stale = Object.keys(TABLE)
      .filter((k) => !keys.has(k))
      .map((k) => `app/_authz/table.ts has a row for ${k}, which no longer exists`);
    expect([...missing, ...stale]).toEqual([]);
  });

  const handlerOf = (e: EntryPoint) =>
    (e.kind === 'route' ? modules.routes : modules.actions)[e.file]![e.name];

  const isRead = (e: EntryPoint) => e.kind === 'route' && e.name === 'GET';
  const refused = (o: Outcome) => o === 'sign-in' || o >= 400;

  it.each(found.filter((e) => TABLE[e.key]).map((e) => [e.key, e] as const))('%s', async (_key, entry) => {
    const row = TABLE[entry.key]!;
    const got = {} as Record<Caller, Outcome>;
    const problems: string[] = [];
    for (const caller of [...CALLERS, 'former'] as const) {
      const store = await restore();
      const answer = await invoke(entry, handlerOf(entry), world, caller, row.call(world));
      got[caller] = answer.outcome;
      const changed = changedTables(initial, tableDigests(store));
      // A refusal writes nothing (not even half a change); a write that is allowed really writes.
      if (refused(answer.outcome) && changed.length > 0)
        problems.push(`${caller} was refused (${answer.outcome}) but ${changed.join(', ')} changed`);
      if (isRead(entry) && changed.length > 0)
        problems.push(`a GET by ${caller} changed ${changed.join(', ')}`);
      if (!refused(answer.outcome) && !isRead(entry) && !row.writesNothing && changed.length === 0)
        problems.push(`${caller} was answered ${answer.outcome} but nothing was written`);
      if (OUTSIDE.includes(caller)) {
        for (const [what, marker] of Object.entries(MARKERS))
          if (answer.text.includes(marker))
            problems.push(`${caller} was shown the ${what}: ${answer.text.slice(0, 300)}`);
      }
    }
    const { former, ...table } = got;
    if (former !== got.outsider)
      problems.push(`a former member was answered ${former}, the outsider ${got.outsider}`);
    expect.soft(table).toEqual(expected(row.expect));
    expect(problems).toEqual([]);
  });

  describe('an allowed call that names an object of another workspace', () => {
    const byKey = new Map(found.map((e) => [e.key, e]));

    it('names entry points that exist', () => {
      expect(REFERENCE_CASES.filter((c) => !byKey.has(c.key)).map((c) => c.key)).toEqual([]);
    });

    it.each(REFERENCE_CASES.filter((c) => byKey.has(c.key)).map((c) => [c.name, c] as const))(
      '%s',
      async (_name, reference) => {
        const entry = byKey.get(reference.key)!;
        const store = await restore();
        const answer = await invoke(entry, handlerOf(entry), world, 'outsider', reference.call(world));
        const changed = changedTables(initial, tableDigests(store));
        const shown = Object.entries(MARKERS)
          .filter(([, marker]) => answer.text.includes(marker))
          .map(([what]) => what);
        expect({ outcome: answer.outcome, shown, changed: refused(answer.outcome) ? changed : [] }).toEqual({
          outcome: reference.expect,
          shown: [],
          changed: [],
        });
      },
    );
  });
});
