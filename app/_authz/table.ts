/**
 * THE authorization table: for every route handler and server action, the request that exercises
 * it (valid, naming objects that exist, so a refusal can only come from authorization) and the
 * answer each caller must get. Columns, in order:
 *
 *   anonymous · outsider (member of another workspace) · admin (instance administrator, in no
 *   workspace) · owner · reviewer · editor · viewer
 *
 * An answer is an HTTP status, or for server actions: 200 (done), 303 (done, then redirected),
 * 'sign-in' (redirected to sign-in) or the status of the typed error the action answered with.
 * A row of another workspace is 404, never 403. A removed member is also called, and must get
 * the outsider's answer. app/authz-matrix.test.ts fails when a route or action has no row here,
 * and when a row names one that no longer exists. Cases where an allowed call names another
 * workspace's object in its body are in references.ts.
 */
import { TEST_PASSWORD } from '@/db/testing';
import { CALLERS, type Caller, type World } from './world';

export type Outcome = number | 'sign-in';
/** One answer per item of T, in order (a tuple as long as T). */
type OnePer<T extends readonly unknown[]> = { -readonly [K in keyof T]: Outcome };
/** One answer per caller, in the order of CALLERS. */
type Row = OnePer<typeof CALLERS>;

export interface RouteCall {
  /** Values for the path's [segments]; ids of the world are filled in by name otherwise. */
  params?: Record<string, string | string[]>;
  body?: unknown;
  /** A form body (application/x-www-form-urlencoded), as the sign-in page posts. */
  form?: Record<string, string>;
  query?: string;
  headers?: Record<string, string>;
}

export interface ActionCall {
  form: Record<string, string>;
}

export interface Entry<C> {
  call: (w: World) => C;
  expect: Row;
  /** For a POST or action that only answers (e.g. a sign-in refused): no write is expected. */
  writesNothing?: boolean;
}

/** A row's answers, by caller (the columns are the callers, in the order of CALLERS). */
export function expected(row: Row): Record<Exclude<Caller, 'former'>, Outcome> {
  return Object.fromEntries(CALLERS.map((c, i) => [c, row[i]])) as Record<Exclude<Caller, 'former'>, Outcome>;
}

// Session routes: 401 without a session; 404 for anyone not in the workspace.
const S = {
  read: [401, 404, 404, 200, 200, 200, 200],
  write: [401, 404, 404, 200, 200, 200, 403],
  create: [401, 404, 404, 201, 201, 201, 403],
  adjudicate: [401, 404, 404, 200, 200, 403, 403],
  owner: [401, 404, 404, 200, 403, 403, 403],
  author: [401, 404, 404, 200, 403, 403, 403],
  self: [401, 200, 200, 200, 200, 200, 200],
} satisfies Record<string, Row>;

// REST API v1: the same with bearer tokens (201 on creation, 204 on deletion).
const V = {
  read: [401, 404, 404, 200, 200, 200, 200],
  write: [401, 404, 404, 200, 200, 200, 403],
  create: [401, 404, 404, 201, 201, 201, 403],
  remove: [401, 404, 404, 204, 204, 204, 403],
  self: [401, 200, 200, 200, 200, 200, 200],
  public: [200, 200, 200, 200, 200, 200, 200],
  // Reviewers and owners decide; the world's comment is the owner's (theirs to edit; owners delete any).
  adjudicate: [401, 404, 404, 201, 201, 403, 403],
  author: [401, 404, 404, 200, 403, 403, 403],
  authorRemove: [401, 404, 404, 204, 403, 403, 403],
} satisfies Record<string, Row>;

// Server actions: anonymous visitors are sent to sign-in.
const A = {
  write: ['sign-in', 404, 404, 200, 200, 200, 403],
  writeRedirect: ['sign-in', 404, 404, 303, 303, 303, 403],
  owner: ['sign-in', 404, 404, 200, 403, 403, 403],
  ownerRedirect: ['sign-in', 404, 404, 303, 403, 403, 403],
  admin: ['sign-in', 403, 200, 403, 403, 403, 403],
  self: ['sign-in', 200, 200, 200, 200, 200, 200],
  selfRedirect: ['sign-in', 303, 303, 303, 303, 303, 303],
  ownerOnly: ['sign-in', 404, 404, 200, 404, 404, 404],
  public: [200, 200, 200, 200, 200, 200, 200],
} satisfies Record<string, Row>;

const claimFields = (w: World, statement = 'Ferry carried 400 crates') => ({
  statement,
  typeId: w.typeId,
  kind: 'reported',
});
const passage = (w: World) => ({ documentId: w.documentId, revisionId: w.revisionId, ...w.passage });
const evidenceFields = { stance: 'qualifies', credibility: 3 };
const assessment = { likelihood: 'likely', confidence: 'moderate', rationale: 'Two ledgers agree.' };
const paste = { format: 'text', content: 'A plain new text about the harbour.' };
const anyVersion = { 'if-match': '*' };

export const ROUTES: Record<string, Entry<RouteCall>> = {
  'api/anchors/[anchorId] PUT': { call: (w) => ({ body: passage(w) }), expect: S.write },
  'api/anchors/[anchorId] DELETE': { call: () => ({}), expect: S.write },
  'api/anchors/[anchorId]/match POST': {
    call: (w) => ({
      params: { anchorId: w.closeMatch.anchorId },
      body: { revisionId: w.closeMatch.revisionId, start: w.closeMatch.start, end: w.closeMatch.end },
    }),
    expect: S.write,
  },
  'api/anchors/[anchorId]/detach POST': {
    call: (w) => ({
      params: { anchorId: w.closeMatch.anchorId },
      body: { revisionId: w.closeMatch.revisionId, start: w.closeMatch.start, end: w.closeMatch.end },
    }),
    expect: S.write,
  },
  'api/auth/[...nextauth] GET': { call: () => ({ params: { nextauth: ['providers'] } }), expect: V.public },
  // Public: a sign-in attempt without next-auth's CSRF token is sent back to the sign-in page.
  'api/auth/[...nextauth] POST': {
    call: (w) => ({
      params: { nextauth: ['callback', 'credentials'] },
      form: { email: w.users.owner.email, password: 'not the password' },
    }),
    expect: [302, 302, 302, 302, 302, 302, 302],
    writesNothing: true,
  },
  'api/claims/[claimId]/anchors POST': { call: (w) => ({ body: passage(w) }), expect: S.create },
  'api/claims/[claimId]/where-else GET': { call: () => ({}), expect: S.read },
  'api/claims/[claimId]/assessment PUT': {
    call: () => ({ body: { version: null, fields: assessment } }),
    expect: S.write,
  },
  'api/claims/[claimId]/comments GET': { call: () => ({}), expect: S.read },
  'api/claims/[claimId]/comments POST': { call: () => ({ body: { body: 'Agreed.' } }), expect: S.create },
  'api/claims/[claimId]/decision POST': {
    call: (w) => ({ body: { outcome: 'accepted', rationale: 'Ledger matches.', version: w.reviewVersion } }),
    expect: S.adjudicate,
  },
  'api/claims/[claimId]/disputes POST': {
    call: () => ({ body: { reason: 'Count differs.' } }),
    expect: S.create,
  },
  'api/claims/[claimId]/evidence POST': {
    call: (w) => ({ body: { source: { id: w.sourceId }, fields: evidenceFields } }),
    expect: S.create,
  },
  'api/claims/[claimId]/history GET': { call: () => ({}), expect: S.read },
  'api/claims/[claimId]/review POST': { call: () => ({}), expect: S.write },
  // The trashed claim was moved there by the owner: other roles may not undo it.
  'api/claims/[claimId]/restore POST': {
    call: (w) => ({ params: { claimId: w.trashed.claimId } }),
    expect: S.owner,
  },
  'api/claims/[claimId]/reviewer PUT': {
    call: (w) => ({ body: { reviewerId: w.users.reviewer.userId } }),
    expect: S.write,
  },
  'api/claims/[claimId] GET': { call: () => ({}), expect: S.read },
  'api/claims/[claimId] PATCH': {
    call: (w) => ({ body: { version: 1, fields: claimFields(w) } }),
    expect: S.write,
  },
  'api/claims/[claimId] DELETE': { call: () => ({}), expect: S.write },
  'api/comments/[commentId]/resolution PUT': { call: () => ({ body: { resolved: true } }), expect: S.write },
  'api/comments/[commentId] PATCH': {
    call: () => ({ body: { body: 'Edited.', version: 1 } }),
    expect: S.author,
  },
  'api/comments/[commentId] DELETE': { call: () => ({}), expect: S.author },
  'api/documents/[documentId]/claims GET': { call: () => ({}), expect: S.read },
  'api/documents/[documentId]/claims POST': {
    call: (w) => ({ body: { passage: { revisionId: w.revisionId, ...w.passage }, fields: claimFields(w) } }),
    expect: S.create,
  },
  'api/documents/[documentId]/revisions POST': {
    call: (w) => ({ body: { ...paste, baseRevisionId: w.revisionId } }),
    expect: S.create,
  },
  'api/documents/[documentId] GET': { call: () => ({}), expect: S.read },
  'api/documents/[documentId]/text GET': {
    call: (w) => ({ query: `revision=${w.revisionId}` }),
    expect: S.read,
  },
  'api/documents/[documentId]/where-else GET': {
    call: (w) => ({ query: `start=${w.passage.start}&end=${w.passage.end}` }),
    expect: S.read,
  },
  'api/evidence/[evidenceId] PATCH': {
    call: () => ({ body: { version: 1, fields: evidenceFields } }),
    expect: S.write,
  },
  'api/evidence/[evidenceId] DELETE': { call: () => ({}), expect: S.write },
  // Nobody in the world has an unread notification: marking them read changes nothing.
  'api/notifications/read POST': {
    call: () => ({ body: { ids: 'all' } }),
    expect: S.self,
    writesNothing: true,
  },
  'api/notifications GET': { call: () => ({}), expect: S.self },
  'api/workspaces/[workspaceId]/claims GET': { call: () => ({ query: 'q=crates' }), expect: S.read },
  'api/workspaces/[workspaceId]/counts GET': { call: () => ({}), expect: S.read },
  'api/workspaces/[workspaceId]/documents POST': {
    call: () => ({ body: { ...paste, title: 'Harbour notes' } }),
    expect: S.create,
  },
  'api/workspaces/[workspaceId]/documents/preview POST': {
    call: () => ({ body: { ...paste, title: 'Harbour notes' } }),
    expect: S.write,
    writesNothing: true,
  },
  'api/workspaces/[workspaceId]/events GET': { call: () => ({}), expect: S.read },
  'api/workspaces/[workspaceId]/export GET': { call: () => ({ query: 'format=json' }), expect: S.read },
  'api/workspaces/[workspaceId]/review-settings PUT': {
    call: () => ({ body: { blind: true } }),
    expect: S.owner,
  },
  'api/workspaces/[workspaceId]/sources GET': { call: () => ({ query: 'q=Harbour' }), expect: S.read },

  'api/v1/claims/[claimId]/assessment PUT': { call: () => ({ body: assessment }), expect: V.create },
  'api/v1/claims/[claimId]/assessments GET': { call: () => ({}), expect: V.read },
  'api/v1/claims/[claimId]/evidence GET': { call: () => ({}), expect: V.read },
  'api/v1/claims/[claimId]/evidence POST': {
    call: (w) => ({ body: { source: { id: w.sourceId }, ...evidenceFields } }),
    expect: V.create,
  },
  'api/v1/claims/[claimId]/comments GET': { call: () => ({}), expect: V.read },
  'api/v1/claims/[claimId]/comments POST': { call: () => ({ body: { body: 'Agreed.' } }), expect: V.create },
  'api/v1/claims/[claimId]/decisions GET': { call: () => ({}), expect: V.read },
  'api/v1/claims/[claimId]/decisions POST': {
    call: (w) => ({ body: { outcome: 'accepted', rationale: 'Ledger matches.', version: w.reviewVersion } }),
    expect: V.adjudicate,
  },
  'api/v1/claims/[claimId]/disputes GET': { call: () => ({}), expect: V.read },
  'api/v1/claims/[claimId]/disputes POST': {
    call: () => ({ body: { reason: 'Count differs.' } }),
    expect: V.create,
  },
  'api/v1/claims/[claimId]/history GET': { call: () => ({}), expect: V.read },
  'api/v1/claims/[claimId]/reviewer PUT': {
    call: (w) => ({ body: { userId: w.users.reviewer.userId } }),
    expect: V.write,
  },
  'api/v1/claims/[claimId]/submit POST': { call: () => ({}), expect: V.write },
  'api/v1/claims/[claimId] GET': { call: () => ({}), expect: V.read },
  'api/v1/claims/[claimId] PATCH': {
    call: () => ({ body: { statement: 'Ferry carried 400 crates' }, headers: anyVersion }),
    expect: V.write,
  },
  'api/v1/claims/[claimId] DELETE': { call: () => ({}), expect: V.remove },
  'api/v1/comments/[commentId] GET': { call: () => ({}), expect: V.read },
  'api/v1/comments/[commentId] PATCH': {
    call: () => ({ body: { body: 'Edited.' }, headers: anyVersion }),
    expect: V.author,
  },
  'api/v1/comments/[commentId] DELETE': { call: () => ({}), expect: V.authorRemove },
  'api/v1/comments/[commentId]/resolution PUT': {
    call: () => ({ body: { resolved: true } }),
    expect: V.write,
  },
  'api/v1/documents/[documentId]/claims GET': { call: () => ({}), expect: V.read },
  'api/v1/documents/[documentId]/claims POST': {
    call: (w) => ({
      body: {
        statement: 'A second line exists',
        typeId: w.typeId,
        kind: 'reported',
        target: { selector: { exact: 'A second line' } },
      },
    }),
    expect: V.create,
  },
  'api/v1/documents/[documentId]/revisions POST': { call: () => ({ body: paste }), expect: V.create },
  'api/v1/documents/[documentId] GET': { call: () => ({}), expect: V.read },
  'api/v1/evidence/[evidenceId] GET': { call: () => ({}), expect: V.read },
  'api/v1/evidence/[evidenceId] PATCH': {
    call: () => ({ body: { stance: 'contradicts' }, headers: anyVersion }),
    expect: V.write,
  },
  'api/v1/evidence/[evidenceId] DELETE': { call: () => ({}), expect: V.remove },
  'api/v1/openapi.json GET': { call: () => ({}), expect: V.public },
  'api/v1/notifications GET': { call: () => ({ query: 'limit=20' }), expect: V.self },
  // As the session route: nobody in the world has an unread notification, so nothing changes.
  'api/v1/notifications/read POST': {
    call: () => ({ body: { ids: 'all' } }),
    expect: V.self,
    writesNothing: true,
  },
  'api/v1/sources/[sourceId] GET': { call: () => ({}), expect: V.read },
  'api/v1/sources/[sourceId] PATCH': {
    call: () => ({ body: { name: 'Harbour Gazette' }, headers: anyVersion }),
    expect: V.write,
  },
  'api/v1/sources/[sourceId] DELETE': { call: () => ({}), expect: V.remove },
  'api/v1/workspaces/[workspaceId]/agreement GET': {
    call: (w) => ({ query: `topic=${w.topicId}` }),
    expect: V.read,
  },
  'api/v1/workspaces/[workspaceId]/claim-types GET': { call: () => ({}), expect: V.read },
  'api/v1/workspaces/[workspaceId]/documents GET': { call: () => ({}), expect: V.read },
  'api/v1/workspaces/[workspaceId]/documents POST': {
    call: () => ({ body: { ...paste, title: 'Harbour notes' } }),
    expect: V.create,
  },
  'api/v1/workspaces/[workspaceId]/members GET': { call: () => ({}), expect: V.read },
  'api/v1/workspaces/[workspaceId]/review-queue GET': {
    call: () => ({ query: 'reason=competing_values&limit=50' }),
    expect: V.read,
  },
  'api/v1/workspaces/[workspaceId]/export GET': { call: () => ({ query: 'format=csv' }), expect: V.read },
  'api/v1/workspaces/[workspaceId]/search GET': { call: () => ({ query: 'q=ransom' }), expect: V.read },
  'api/v1/workspaces/[workspaceId]/sources GET': { call: () => ({}), expect: V.read },
  'api/v1/workspaces/[workspaceId]/sources POST': {
    call: () => ({ body: { name: 'Port radio', kind: 'outlet', reliability: 'C' } }),
    expect: V.create,
  },
  'api/v1/workspaces/[workspaceId]/topics GET': { call: () => ({}), expect: V.read },
  'api/v1/workspaces GET': { call: () => ({}), expect: V.self },
};

const newPassword = 'a brand new passphrase';
const signUp = (w: World, email: string) => ({
  name: 'Nia Newcomer',
  email,
  password: newPassword,
  confirmPassword: newPassword,
  inviteToken: w.inviteToken,
});
const source = { name: 'Port radio', kind: 'outlet', reliability: 'B' };

export const ACTIONS: Record<string, Entry<ActionCall>> = {
  '(auth)/sign-up/actions.ts signUpAction': {
    call: (w) => ({ form: signUp(w, 'nia@example.org') }),
    expect: A.public,
  },
  'invite/[token]/actions.ts signUpWithInviteAction': {
    call: (w) => ({ form: signUp(w, 'nia@example.org') }),
    expect: A.public,
  },
  'invite/[token]/actions.ts acceptInviteAction': {
    call: (w) => ({ form: { token: w.inviteToken } }),
    expect: A.selfRedirect,
  },
  '(app)/admin/actions.ts setOpenSignUpAction': {
    call: () => ({ form: { enabled: 'true' } }),
    expect: A.admin,
  },
  '(app)/admin/actions.ts setUserDisabledAction': {
    call: (w) => ({ form: { userId: w.bystander.userId, disabled: 'true' } }),
    expect: A.admin,
  },
  '(app)/admin/actions.ts setAdministratorAction': {
    call: (w) => ({ form: { userId: w.bystander.userId, admin: 'true' } }),
    expect: A.admin,
  },
  '(app)/workspaces/actions.ts createWorkspaceAction': {
    call: () => ({ form: { name: 'Night desk' } }),
    expect: A.selfRedirect,
  },
  '(app)/account/actions.ts changePasswordAction': {
    call: () => ({
      form: { currentPassword: TEST_PASSWORD, newPassword, confirmPassword: newPassword },
    }),
    expect: A.self,
  },
  // Nobody in the world has another session: there is nothing to end.
  '(app)/account/actions.ts signOutOtherSessionsAction': {
    call: () => ({ form: {} }),
    expect: A.self,
    writesNothing: true,
  },
  '(app)/account/actions.ts createApiTokenAction': {
    call: () => ({ form: { name: 'script', currentPassword: TEST_PASSWORD } }),
    expect: A.self,
  },
  '(app)/account/actions.ts revokeApiTokenAction': {
    call: (w) => ({ form: { tokenId: w.ownerTokenId } }),
    expect: A.ownerOnly,
  },
  '(app)/w/[workspaceId]/settings/actions.ts renameWorkspaceAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, name: 'Renamed desk' } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/settings/actions.ts deleteWorkspaceAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, confirmName: 'Quillwort desk' } }),
    expect: A.ownerRedirect,
  },
  '(app)/w/[workspaceId]/settings/actions.ts createClaimTypeAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, name: 'Rumour', color: '#112233' } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/settings/actions.ts updateClaimTypeAction': {
    call: (w) => ({
      form: { workspaceId: w.workspaceId, typeId: w.typeId, name: 'Cargo', color: '#112233' },
    }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/settings/actions.ts deleteClaimTypeAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, typeId: w.spareTypeId } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/settings/actions.ts reviewSettingsAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, blind: 'on' } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/topics/actions.ts renameTopicAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, topicId: w.topicId, question: 'Which boat?' } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/topics/actions.ts mergeTopicAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, topicId: w.spareTopicId, intoId: w.topicId } }),
    expect: A.ownerRedirect,
  },
  '(app)/w/[workspaceId]/topics/actions.ts deleteTopicAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, topicId: w.spareTopicId } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/sources/actions.ts createSourceAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, ...source } }),
    expect: A.writeRedirect,
  },
  '(app)/w/[workspaceId]/sources/actions.ts updateSourceAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, sourceId: w.sourceId, version: '1', ...source } }),
    expect: A.write,
  },
  '(app)/w/[workspaceId]/sources/actions.ts trashSourceAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, sourceId: w.sourceId } }),
    expect: A.writeRedirect,
  },
  '(app)/w/[workspaceId]/members/actions.ts createInviteAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, role: 'viewer', expiresInDays: '7' } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/members/actions.ts reissueInviteAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, inviteId: w.inviteId } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/members/actions.ts revokeInviteAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, inviteId: w.inviteId } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/members/actions.ts changeRoleAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, userId: w.bystander.userId, role: 'viewer' } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/members/actions.ts removeMemberAction': {
    call: (w) => ({ form: { workspaceId: w.workspaceId, userId: w.bystander.userId } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/trash/actions.ts restoreDocumentAction': {
    call: (w) => ({ form: { documentId: w.trashed.documentId } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/trash/actions.ts purgeDocumentAction': {
    call: (w) => ({ form: { documentId: w.trashed.documentId } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/trash/actions.ts restoreClaimAction': {
    call: (w) => ({ form: { claimId: w.trashed.claimId } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/trash/actions.ts restoreSourceAction': {
    call: (w) => ({ form: { sourceId: w.trashed.sourceId } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/trash/actions.ts restoreEvidenceAction': {
    call: (w) => ({ form: { evidenceId: w.trashed.evidenceId } }),
    expect: A.owner,
  },
  '(app)/w/[workspaceId]/documents/[documentId]/actions.ts updateMetadataAction': {
    call: (w) => ({ form: { documentId: w.documentId, version: '1', title: 'Harbour ledger' } }),
    expect: A.write,
  },
  '(app)/w/[workspaceId]/documents/[documentId]/actions.ts trashDocumentAction': {
    call: (w) => ({ form: { documentId: w.documentId } }),
    expect: A.writeRedirect,
  },
};
