/**
 * Test support for the REST API: calls route handlers directly with `new Request(...)` (as Next.js
 * does) against a fresh in-memory store of db/testing.ts, installed as the server's store (the
 * one `appStore()` of app/_server/store.ts answers route handlers with), and makes members with
 * tokens.
 */
import { createApiToken } from '@/db/queries/api-tokens';
import type { Actor } from '@/db/queries/access';
import { acceptInvite, createInvite } from '@/db/queries/invites';
import type { Store } from '@/db/store';
import { freshStore, makeUser, makeWorkspace, TEST_PASSWORD } from '@/db/testing';
import type { Role } from '@/lib/permissions';
import * as documents from '../workspaces/[workspaceId]/documents/route';
import { checkAnswer } from './openapi-check';

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

export interface CallOptions {
  token?: string | null;
  /** JSON-encoded unless `raw` is given. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  query?: string;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export async function call(
  method: string,
  handler: unknown,
  path: string,
  { token, body, raw, headers = {}, params = {}, query = '' }: CallOptions = {},
): Promise<ApiAnswer> {
  const init: RequestInit = { method, headers: { ...headers } };
  const h = init.headers as Record<string, string>;
  if (token) h.authorization = `Bearer ${token}`;
  if (raw !== undefined || body !== undefined) {
    init.body = raw ?? JSON.stringify(body);
    h['content-type'] ??= 'application/json';
  }
  const request = new Request(`http://localhost/api/v1${path}${query ? `?${query}` : ''}`, init);
  const response = await (handler as Handler)(request, { params: Promise.resolve(params as never) });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  const json = text && contentType?.includes('json') ? JSON.parse(text) : null;
  // Every answer is checked against the generated OpenAPI document (its status and its body).
  checkAnswer(method, path, response.status, contentType, text ? (json ?? text) : null);
  return { status: response.status, headers: response.headers, json };
}

export interface Member extends Actor {
  email: string;
  token: string;
}

/**
 * Makes `store` the server's store: the one app/_server/store.ts `appStore()` answers (it keeps
 * it on globalThis), so that the route handlers and server actions a test calls use it.
 */
export function installAppStore(store: Store): void {
  (globalThis as unknown as { __warrantStore?: Store }).__warrantStore = store;
}

export async function withToken(store: Store, actor: Actor & { email: string }): Promise<Member> {
  return {
    ...actor,
    token: (await createApiToken(store, { actor, name: 'test', currentPassword: TEST_PASSWORD })).token,
  };
}

/**
 * A fresh store, installed as the server's store, with an owner (and token) and their
 * workspace.
 */
export async function freshWorkspace(): Promise<{ store: Store; owner: Member; workspaceId: string }> {
  const store = await freshStore();
  installAppStore(store);
  const owner = await withToken(store, await makeUser(store, { name: 'Awa' }));
  return { store, owner, workspaceId: await makeWorkspace(store, owner, 'Sahel desk') };
}

export async function member(
  store: Store,
  owner: Actor,
  workspaceId: string,
  role: Role,
  name?: string,
): Promise<Member> {
  const user = await makeUser(store, { name });
  const invite = await createInvite(store, { actor: owner, workspaceId, role, expiresInDays: 1 });
  await acceptInvite(store, { actor: user, token: invite.token });
  return withToken(store, user);
}

/** Someone with a workspace of their own, and no membership in the others. */
export async function outsider(store: Store): Promise<Member & { workspaceId: string }> {
  const user = await withToken(store, await makeUser(store, { name: 'Outsider' }));
  return { ...user, workspaceId: await makeWorkspace(store, user, 'Other desk') };
}

export const TEXT = [
  'In October 2020 the authorities in Bamako released a large group of detainees.',
  'Most counts put the number at 206, although one ministry figure was lower.',
  'One outlet said the ransom was 10 million euros; another put the ransom at 2.5 million euros.',
  'Nobody who negotiated the deal has described it on the record.',
].join('\n\n');

/** Imports TEXT as the document "Brief" through the API; answers with the created document. */
export async function importBrief(owner: Member, workspaceId: string): Promise<ApiAnswer> {
  return call('POST', documents.POST, `/workspaces/${workspaceId}/documents`, {
    token: owner.token,
    params: { workspaceId },
    body: { title: 'Brief', format: 'text', content: TEXT },
  });
}
