/**
 * Calls one entry point as one caller, the way Next.js would: a route handler with a Request
 * (same-origin headers; a bearer token for the REST API, a session otherwise) and its params; a
 * server action with a FormData. Answers the outcome (see table.ts) and the text a caller would
 * see, for the leak check.
 */
import { NextRequest } from 'next/server';
import type { ActionState } from '@/app/_server/action';
import type { CurrentUser } from '@/app/_server/auth';
import type { EntryPoint } from './discover';
import { RedirectSignal, session } from './session';
import type { ActionCall, Outcome, RouteCall } from './table';
import type { Caller, World } from './world';

export interface Answer {
  outcome: Outcome;
  /** What the caller gets back (for a server action: its state without the echoed input). */
  text: string;
}

const ORIGIN = 'http://localhost';

function actAs(world: World, caller: Caller): void {
  session.errors = [];
  if (caller === 'anonymous') {
    session.user = null;
    return;
  }
  const user = world.users[caller];
  session.user = {
    userId: user.userId,
    isAdmin: user.isAdmin,
    email: user.email,
    name: caller,
    sessionId: `matrix-${caller}`,
    ip: '127.0.0.1',
  } as CurrentUser;
}

/** `[claimId]` → the world's claimId, and so on; the call's own params win. */
function routeParams(file: string, world: World, given: RouteCall['params'] = {}) {
  const ids = world as unknown as Record<string, unknown>;
  const params: Record<string, string | string[]> = {};
  for (const [, name] of file.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)) {
    const value = given[name!] ?? ids[name!];
    if (value === undefined) throw new Error(`${file}: no value for [${name}]`);
    params[name!] = value as string | string[];
  }
  return params;
}

async function callRoute(
  entry: EntryPoint,
  handler: unknown,
  world: World,
  caller: Caller,
  call: RouteCall,
): Promise<Answer> {
  const params = routeParams(entry.file, world, call.params);
  const path = entry.file
    .replace(/^app\//, '')
    .replace(/\/route\.ts$/, '')
    .replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => [params[name]].flat().join('/'));
  const headers: Record<string, string> = { host: 'localhost', origin: ORIGIN, ...call.headers };
  if (entry.file.startsWith('app/api/v1/') && caller !== 'anonymous')
    headers.authorization = `Bearer ${world.users[caller].token}`;
  let body: string | undefined;
  if (call.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(call.form).toString();
  } else if (call.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.body);
  }
  const request = new NextRequest(`${ORIGIN}/${path}${call.query ? `?${call.query}` : ''}`, {
    method: entry.name,
    headers,
    body,
  });
  const response = (await (handler as (r: Request, c: unknown) => Promise<Response>)(request, {
    params: Promise.resolve(params),
  })) as Response;
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { outcome: response.status, text: '' };
  }
  return { outcome: response.status, text: await response.text() };
}

async function callAction(handler: unknown, call: ActionCall): Promise<Answer> {
  const form = new FormData();
  for (const [key, value] of Object.entries(call.form)) form.set(key, value);
  let state: ActionState;
  try {
    state = await (handler as (prev: ActionState, form: FormData) => Promise<ActionState>)({}, form);
  } catch (error) {
    if (!(error instanceof RedirectSignal)) throw error;
    return { outcome: error.url === '/sign-in' ? 'sign-in' : 303, text: error.url };
  }
  const text = JSON.stringify({ ...state, values: undefined });
  if (state.ok !== false) return { outcome: 200, text };
  const error = session.errors.at(-1);
  if (error) return { outcome: error.status, text };
  return { outcome: state.fieldErrors ? 422 : 500, text };
}

export async function invoke(
  entry: EntryPoint,
  handler: unknown,
  world: World,
  caller: Caller,
  call: RouteCall | ActionCall,
): Promise<Answer> {
  actAs(world, caller);
  return entry.kind === 'route'
    ? callRoute(entry, handler, world, caller, call as RouteCall)
    : callAction(handler, call as ActionCall);
}
