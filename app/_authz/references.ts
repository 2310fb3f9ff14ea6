/**
 * Confused-deputy cases: the outsider, owner of a workspace of their own, calls an entry point
 * on THEIR OWN objects (so the call itself is allowed) but names one of the world's objects in the
 * body or form. Each must be refused with the status given (404 when the foreign object is named
 * as such, 409/422 when it is refused as an invalid value), write nothing, and show nothing of it.
 */
import type { ActionCall, RouteCall } from './table';
import type { World } from './world';

export interface ReferenceCase {
  name: string;
  /** A key of the authorization table (app/_authz/table.ts). */
  key: string;
  call: (w: World) => RouteCall | ActionCall;
  expect: number;
}

const fields = (typeId: string) => ({ statement: 'Two ships passed at dawn', typeId, kind: 'reported' });
const victimPassage = (w: World) => ({ documentId: w.documentId, revisionId: w.revisionId, ...w.passage });
const own = (w: World) => ({ claimId: w.own.claimId });

export const REFERENCE_CASES: ReferenceCase[] = [
  {
    name: 'evidence on an own claim citing a source of another workspace (session)',
    key: 'api/claims/[claimId]/evidence POST',
    call: (w) => ({
      params: own(w),
      body: { source: { id: w.sourceId }, fields: { stance: 'supports', credibility: 2 } },
    }),
    expect: 404,
  },
  {
    name: 'evidence on an own claim citing a source of another workspace (REST)',
    key: 'api/v1/claims/[claimId]/evidence POST',
    call: (w) => ({
      params: own(w),
      body: { source: { id: w.sourceId }, stance: 'supports', credibility: 2 },
    }),
    expect: 404,
  },
  {
    name: 'a passage of another workspace’s document added to an own claim',
    key: 'api/claims/[claimId]/anchors POST',
    call: (w) => ({ params: own(w), body: victimPassage(w) }),
    expect: 404,
  },
  {
    name: 'an own anchor moved onto another workspace’s document',
    key: 'api/anchors/[anchorId] PUT',
    call: (w) => ({ params: { anchorId: w.own.anchorId }, body: victimPassage(w) }),
    expect: 404,
  },
  {
    name: 'a reply on an own claim to a comment of another workspace',
    key: 'api/claims/[claimId]/comments POST',
    call: (w) => ({ params: own(w), body: { body: 'Replying.', parentId: w.commentId } }),
    expect: 404,
  },
  {
    name: 'a member of another workspace assigned as reviewer of an own claim',
    key: 'api/claims/[claimId]/reviewer PUT',
    call: (w) => ({ params: own(w), body: { reviewerId: w.users.reviewer.userId } }),
    expect: 422,
  },
  {
    name: 'a claim of another workspace preferred in an own decision',
    key: 'api/claims/[claimId]/decision POST',
    call: (w) => ({
      params: own(w),
      body: {
        outcome: 'accepted',
        rationale: 'Log agrees.',
        version: w.own.reviewVersion,
        preferredClaimId: w.claimId,
      },
    }),
    expect: 422,
  },
  {
    name: 'a reply on an own claim to a comment of another workspace (REST)',
    key: 'api/v1/claims/[claimId]/comments POST',
    call: (w) => ({ params: own(w), body: { body: 'Replying.', parentId: w.commentId } }),
    expect: 404,
  },
  {
    name: 'a member of another workspace assigned as reviewer of an own claim (REST)',
    key: 'api/v1/claims/[claimId]/reviewer PUT',
    call: (w) => ({ params: own(w), body: { userId: w.users.reviewer.userId } }),
    expect: 422,
  },
  {
    name: 'a claim of another workspace preferred in an own decision (REST)',
    key: 'api/v1/claims/[claimId]/decisions POST',
    call: (w) => ({
      params: own(w),
      body: {
        outcome: 'accepted',
        rationale: 'Log agrees.',
        version: w.own.reviewVersion,
        preferredClaimId: w.claimId,
      },
    }),
    expect: 422,
  },
  {
    name: 'an own claim given a claim type of another workspace (session)',
    key: 'api/claims/[claimId] PATCH',
    call: (w) => ({ params: own(w), body: { version: 1, fields: fields(w.typeId) } }),
    expect: 422,
  },
  {
    name: 'an own claim given a claim type of another workspace (REST)',
    key: 'api/v1/claims/[claimId] PATCH',
    call: (w) => ({ params: own(w), body: { typeId: w.typeId }, headers: { 'if-match': '*' } }),
    expect: 422,
  },
  {
    name: 'a new claim on an own document with a claim type of another workspace',
    key: 'api/documents/[documentId]/claims POST',
    call: (w) => ({
      params: { documentId: w.own.documentId },
      body: { passage: { revisionId: w.own.revisionId, ...w.own.passage }, fields: fields(w.typeId) },
    }),
    expect: 422,
  },
  {
    name: 'a new claim on an own document placed on a revision of another workspace',
    key: 'api/documents/[documentId]/claims POST',
    call: (w) => ({
      params: { documentId: w.own.documentId },
      body: { passage: { revisionId: w.revisionId, ...w.passage }, fields: fields(w.own.typeId) },
    }),
    expect: 409,
  },
  {
    name: 'a revision of an own document based on a revision of another workspace',
    key: 'api/documents/[documentId]/revisions POST',
    call: (w) => ({
      params: { documentId: w.own.documentId },
      body: { format: 'text', content: 'A new text.', baseRevisionId: w.revisionId },
    }),
    expect: 409,
  },
  {
    name: 'a new link for an invite of another workspace, asked from an own workspace',
    key: '(app)/w/[workspaceId]/members/actions.ts reissueInviteAction',
    call: (w) => ({ form: { workspaceId: w.own.workspaceId, inviteId: w.inviteId } }),
    expect: 404,
  },
  {
    name: 'an invite of another workspace revoked from an own workspace',
    key: '(app)/w/[workspaceId]/members/actions.ts revokeInviteAction',
    call: (w) => ({ form: { workspaceId: w.own.workspaceId, inviteId: w.inviteId } }),
    expect: 404,
  },
  {
    name: 'a member of another workspace given a role in an own workspace',
    key: '(app)/w/[workspaceId]/members/actions.ts changeRoleAction',
    call: (w) => ({ form: { workspaceId: w.own.workspaceId, userId: w.users.viewer.userId, role: 'owner' } }),
    expect: 404,
  },
  {
    name: 'a member of another workspace removed from an own workspace',
    key: '(app)/w/[workspaceId]/members/actions.ts removeMemberAction',
    call: (w) => ({ form: { workspaceId: w.own.workspaceId, userId: w.users.viewer.userId } }),
    expect: 404,
  },
  {
    name: 'a claim type of another workspace edited from an own workspace',
    key: '(app)/w/[workspaceId]/settings/actions.ts updateClaimTypeAction',
    call: (w) => ({
      form: { workspaceId: w.own.workspaceId, typeId: w.typeId, name: 'Taken', color: '#000000' },
    }),
    expect: 404,
  },
  {
    name: 'a claim type of another workspace deleted from an own workspace',
    key: '(app)/w/[workspaceId]/settings/actions.ts deleteClaimTypeAction',
    call: (w) => ({ form: { workspaceId: w.own.workspaceId, typeId: w.spareTypeId } }),
    expect: 404,
  },
  {
    name: 'a source of another workspace edited from an own workspace',
    key: '(app)/w/[workspaceId]/sources/actions.ts updateSourceAction',
    call: (w) => ({
      form: {
        workspaceId: w.own.workspaceId,
        sourceId: w.sourceId,
        version: '1',
        name: 'Taken',
        kind: 'outlet',
        reliability: 'B',
      },
    }),
    expect: 404,
  },
  {
    name: 'a source of another workspace trashed from an own workspace',
    key: '(app)/w/[workspaceId]/sources/actions.ts trashSourceAction',
    call: (w) => ({ form: { workspaceId: w.own.workspaceId, sourceId: w.sourceId } }),
    expect: 404,
  },
  {
    name: 'an own export filtered by a document of another workspace',
    key: 'api/workspaces/[workspaceId]/export GET',
    call: (w) => ({
      params: { workspaceId: w.own.workspaceId },
      query: `format=json&document=${w.documentId}`,
    }),
    expect: 200,
  },
  {
    name: 'an own REST export filtered by a document of another workspace',
    key: 'api/v1/workspaces/[workspaceId]/export GET',
    call: (w) => ({
      params: { workspaceId: w.own.workspaceId },
      query: `format=csv&document=${w.documentId}`,
    }),
    expect: 200,
  },
];
