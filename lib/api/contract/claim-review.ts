/**
 * The contract of a claim's review and discussion over the REST API (v1): its history, comments
 * (threads of one level, Markdown rendered to sanitized HTML when written), disputes, decisions,
 * submission for review and the reviewer. The request bodies reuse the review forms' schemas
 * (lib/review/inputs.ts, lib/review/comment-markdown.ts), refusing unknown fields; the route
 * handlers under app/api/v1 validate with these very schemas, and the presenters
 * (app/_server/api-v1-presenters-review.ts) are typed by the response schemas.
 */
import { z } from 'zod';
import { commentBodySchema } from '@/lib/review/comment-markdown';
import { adjudicationSchema, assignSchema, disputeSchema } from '@/lib/review/inputs';
import { CONFIDENCES, LIKELIHOOD_KEYS } from '@/lib/scales';
import { CLAIM_STATUSES, DECISION_OUTCOMES } from '@/lib/vocabulary';
import { requestBody, responseBody, type Endpoint } from './registry';

const REVIEW = 'Review';
const DISCUSSION = 'Discussion';

const date = () => z.iso.datetime();
const id = z.string().trim().min(1).max(100);

// ---- request bodies ----

export const commentCreateSchema = requestBody(
  'CommentCreate',
  z
    .object({
      body: commentBodySchema.describe(
        'The comment in Markdown (1–10,000 characters, at most 500 lines, quotes and lists nested at most 10 deep). Mention a member with `@Their Name` (`@Ana Costa (2)` among namesakes, as the app labels them): they are notified.',
      ),
      parentId: id
        .nullish()
        .describe(
          'Reply to this comment of the same claim. Replies are one level deep: a reply to a reply joins the same thread (its author is still notified).',
        ),
    })
    .strict(),
  'A new comment on the claim, or a reply.',
);

export const commentEditSchema = requestBody(
  'CommentEdit',
  z
    .object({ body: commentBodySchema.describe('The new Markdown text (the limits of CommentCreate).') })
    .strict(),
  'The new text of your own comment (rendered again; the mentions it adds are not notified again).',
);

export const commentResolutionSchema = requestBody(
  'CommentResolution',
  z
    .object({
      resolved: z
        .boolean({ error: 'Send resolved: true or false.' })
        .describe('true resolves, false reopens'),
    })
    .strict(),
  "Resolves or reopens a thread (name the thread's first comment).",
);

export const disputeCreateSchema = requestBody(
  'DisputeCreate',
  disputeSchema.strict(),
  'Why you dispute the claim (`reason`, 1–2,000 characters). The claim is contested until a reviewer decides on it.',
);

const DECISION_DESCRIPTION = [
  'A decision on the claim, as the review form takes it:',
  '`outcome` accepted | rejected | disputed (kept disputed); `rationale` (1–5,000 characters);',
  '`version`: the claim’s `reviewVersion` as read from `GET /claims/{claimId}/decisions` (not the ETag’s version) — any change bearing on the review since (an edit, evidence, an assessment, a dispute) refuses the decision with 409;',
  '`preferredClaimId`: for a topic with competing values, the claim of the topic to prefer (it is accepted; the others with a different value become its alternatives), with `topicVersions`: each of `topicClaims`’ id → its `reviewVersion`, as read;',
  '`likelihood` and `confidence`: the team’s judgment of the claim the decision settles — both or neither, and neither when the claim is kept disputed.',
].join(' ');

export const decisionCreateSchema = requestBody(
  'DecisionCreate',
  adjudicationSchema.strict(),
  DECISION_DESCRIPTION,
);

export const reviewerAssignSchema = requestBody(
  'ReviewerAssign',
  z
    .object({
      userId: assignSchema.shape.reviewerId.describe(
        'A member who may adjudicate (a reviewer or an owner of the workspace), or null for none.',
      ),
    })
    .strict(),
  'The reviewer to assign (notified), or none.',
);

export const commentListQuery = z.object({
  cursor: z
    .string()
    .max(200)
    .optional()
    .describe('The `nextCursor` of the page before: earlier threads. Leave it out for the newest.'),
  limit: z.coerce
    .number({ error: 'limit is a number from 1 to 100.' })
    .int('limit is a number from 1 to 100.')
    .min(1, 'limit is a number from 1 to 100.')
    .max(100, 'limit is a number from 1 to 100.')
    .optional()
    .describe('Threads per page (1–100, default 50).'),
});

// ---- responses ----

const member = z.object({
  id: z.string().nullable().describe('null when the account is gone'),
  name: z.string().describe('the name, or "a former member"'),
});

export const historyEntrySchema = responseBody(
  'HistoryEntry',
  z.object({
    id: z.number().int(),
    at: date(),
    who: z.string().describe('who did it (or "a former member")'),
    action: z
      .string()
      .describe('the audit action, e.g. `claim.update`, `claim.adjudicate`, `comment.create`'),
    summary: z.string().describe('what they did, in plain words'),
    changes: z
      .array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() }))
      .describe('the fields that changed, old → new, as the app labels them'),
    note: z
      .string()
      .nullable()
      .describe('the text that goes with it: a quoted passage, a rationale, a dispute’s reason'),
  }),
);

const HISTORY_DESCRIPTION =
  'Every change to the claim, its evidence, review and discussion, as the claim page’s history shows it. Under blind assessments, the others’ assessments and the team’s judgment of a decision are left out until you record your own; comments are not quoted (read them in the discussion).';

export const claimHistorySchema = responseBody(
  'ClaimHistory',
  z.object({
    claimId: z.string(),
    entries: z.array(historyEntrySchema).describe('newest first, at most 500'),
  }),
  HISTORY_DESCRIPTION,
);

const commentFields = {
  id: z.string(),
  claimId: z.string(),
  parentId: z.string().nullable().describe('the thread’s first comment, for a reply; null for a thread'),
  author: member,
  html: z
    .string()
    .describe(
      'the comment rendered from its Markdown when it was written: sanitized HTML, mentions as `<span class="mention" data-user-id="…">`; empty when deleted',
    ),
  body: z.string().nullable().describe('the Markdown as written: your own comments only (to edit them)'),
  createdAt: date(),
  editedAt: date().nullable(),
  deleted: z.boolean().describe('a deleted thread stays, as "comment deleted", while it has replies'),
  mine: z.boolean(),
  canDelete: z.boolean().describe('yours, or anyone’s for an owner'),
  resolved: z
    .object({ at: date(), byName: z.string() })
    .nullable()
    .describe('threads only: when and by whom it was resolved; null while open'),
  version: z.number().int().describe('the version of its text (its ETag’s)'),
};

export const commentSchema = responseBody(
  'Comment',
  z.object(commentFields),
  'A comment; its ETag is `"comment-<id>-v<version>"`.',
);

export const commentThreadSchema = responseBody(
  'CommentThread',
  z.object({ ...commentFields, replies: z.array(commentSchema).describe('oldest first') }),
  'A thread: its first comment and its replies.',
);

export const commentListSchema = responseBody(
  'CommentList',
  z.object({
    claimId: z.string(),
    threads: z
      .array(commentThreadSchema)
      .describe('the newest threads, in the discussion’s order (oldest first)'),
    nextCursor: z
      .string()
      .nullable()
      .describe('send as `?cursor=` for the earlier threads; null on the first'),
  }),
);

export const disputeSchemaOut = responseBody(
  'Dispute',
  z.object({
    id: z.string(),
    claimId: z.string(),
    user: member,
    reason: z.string(),
    createdAt: date(),
    resolvedAt: date().nullable().describe('when a decision resolved it; null while open'),
  }),
);

export const disputeListSchema = responseBody(
  'DisputeList',
  z.object({
    claimId: z.string(),
    open: z.number().int().describe('how many are open'),
    disputes: z.array(disputeSchemaOut).describe('open and resolved, oldest first'),
  }),
);

export const decisionSchema = responseBody(
  'Decision',
  z.object({
    id: z.string(),
    claimId: z.string(),
    outcome: z.enum(DECISION_OUTCOMES).describe('`alternative`: another claim of its topic was preferred'),
    label: z.string(),
    rationale: z.string(),
    preferredClaimId: z.string().nullable(),
    likelihood: z.enum(LIKELIHOOD_KEYS).nullable().describe('the team’s judgment; null: none, or withheld'),
    confidence: z.enum(CONFIDENCES).nullable(),
    judgment: z.string().nullable().describe('e.g. "likely (55–80%) · moderate confidence"'),
    judgmentHidden: z
      .boolean()
      .describe(
        'a judgment was recorded but blind assessments withhold it until you record your own assessment',
      ),
    decidedBy: member,
    decidedAt: date(),
    current: z.boolean().describe('the claim’s state is this decision’s (false: history)'),
  }),
);

const reviewStateFields = {
  claimId: z.string(),
  status: z.enum(CLAIM_STATUSES),
  version: z.number().int().describe('the claim’s version'),
  etag: z.string().describe('the claim’s ETag, for If-Match on `PATCH /claims/{claimId}`'),
  reviewVersion: z
    .number()
    .int()
    .describe('what a decision names as `version`: it moves with every change bearing on the review'),
  reviewer: z.object({ id: z.string(), name: z.string() }).nullable(),
};

export const claimReviewStateSchema = responseBody(
  'ClaimReviewState',
  z.object(reviewStateFields),
  'The claim’s review state after the write.',
);

export const decisionListSchema = responseBody(
  'DecisionList',
  z.object({
    ...reviewStateFields,
    topicClaims: z
      .array(
        z.object({
          id: z.string(),
          statement: z.string(),
          quantity: z.string(),
          reviewVersion: z.number().int(),
        }),
      )
      .describe(
        'the topic’s claims with a value (when two or more compete): the choices of `preferredClaimId`',
      ),
    canAdjudicate: z.boolean().describe('your role may decide (reviewers and owners)'),
    decisions: z.array(decisionSchema).describe('newest first'),
  }),
);

export const decisionCreatedSchema = responseBody(
  'DecisionCreated',
  z.object({
    decision: decisionSchema,
    claim: claimReviewStateSchema,
    alternatives: z
      .number()
      .int()
      .describe('how many claims of the topic the decision changed besides this one'),
  }),
);

// ---- endpoints ----

/** 409: the answer every endpoint shares (components/responses). */
const conflict = { 409: 'Conflict' } as const;

export const CLAIM_REVIEW_ENDPOINTS: Endpoint[] = [
  {
    method: 'get',
    path: '/claims/{claimId}/history',
    tag: REVIEW,
    summary: 'The claim’s history: every change, newest first',
    description: HISTORY_DESCRIPTION,
    ok: { status: 200, description: 'The history', schema: claimHistorySchema },
  },
  {
    method: 'get',
    path: '/claims/{claimId}/comments',
    tag: DISCUSSION,
    summary: 'The claim’s discussion, a page of threads at a time',
    description:
      'The newest threads first; `nextCursor` leads to earlier ones. Deleted replies are left out; a deleted thread with replies shows as deleted.',
    query: commentListQuery,
    ok: { status: 200, description: 'A page of threads', schema: commentListSchema },
    extra: { 422: 'Invalid' },
  },
  {
    method: 'post',
    path: '/claims/{claimId}/comments',
    tag: DISCUSSION,
    summary: 'Comment on the claim, or reply to a comment',
    body: commentCreateSchema,
    write: true,
    ok: {
      status: 201,
      description: 'Written; Location names it, ETag is its version',
      schema: commentSchema,
      etag: true,
    },
  },
  {
    method: 'get',
    path: '/comments/{commentId}',
    tag: DISCUSSION,
    summary: 'One comment, with its ETag',
    ok: { status: 200, description: 'The comment', schema: commentSchema, etag: true },
  },
  {
    method: 'patch',
    path: '/comments/{commentId}',
    tag: DISCUSSION,
    summary: 'Edit your own comment',
    description: 'Needs If-Match with the comment’s ETag: an edit from an older text is refused (412).',
    body: commentEditSchema,
    write: true,
    ifMatch: true,
    ok: { status: 200, description: 'The edited comment', schema: commentSchema, etag: true },
  },
  {
    method: 'delete',
    path: '/comments/{commentId}',
    tag: DISCUSSION,
    summary: 'Delete your own comment (an owner: anyone’s)',
    description: 'Its replies stay, under "comment deleted". The audit log keeps who deleted it.',
    write: true,
    ok: { status: 204, description: 'Deleted' },
  },
  {
    method: 'put',
    path: '/comments/{commentId}/resolution',
    tag: DISCUSSION,
    summary: 'Resolve or reopen a thread',
    description: 'Name the thread’s first comment (a reply: 422). Any member who may comment may do it.',
    body: commentResolutionSchema,
    write: true,
    ok: { status: 200, description: 'The thread’s first comment', schema: commentSchema, etag: true },
  },
  {
    method: 'get',
    path: '/claims/{claimId}/disputes',
    tag: REVIEW,
    summary: 'The claim’s disputes, open and resolved',
    ok: { status: 200, description: 'The disputes', schema: disputeListSchema },
  },
  {
    method: 'post',
    path: '/claims/{claimId}/disputes',
    tag: REVIEW,
    summary: 'Dispute the claim, with a reason',
    description: 'The claim is contested until a reviewer decides on it (which resolves its open disputes).',
    body: disputeCreateSchema,
    write: true,
    ok: { status: 201, description: 'Raised', schema: disputeSchemaOut },
  },
  {
    method: 'get',
    path: '/claims/{claimId}/decisions',
    tag: REVIEW,
    summary: 'The claim’s decisions, with what a reviewer decides on',
    description:
      'Newest first, with the claim’s `reviewVersion` and the topic’s competing claims (send them back with a decision). Under blind assessments the team’s judgment of a decision is withheld (`judgmentHidden`) until you record your own assessment of the claim.',
    ok: { status: 200, description: 'The decisions', schema: decisionListSchema },
  },
  {
    method: 'post',
    path: '/claims/{claimId}/decisions',
    tag: REVIEW,
    summary: 'Decide on the claim (reviewers and owners)',
    description: DECISION_DESCRIPTION,
    body: decisionCreateSchema,
    write: true,
    ok: {
      status: 201,
      description: 'Decided: the decision and the claim’s new state (its new ETag in `claim.etag`)',
      schema: decisionCreatedSchema,
    },
    extra: conflict,
  },
  {
    method: 'post',
    path: '/claims/{claimId}/submit',
    tag: REVIEW,
    summary: 'Submit the claim for review (a draft, or a decided claim reopened)',
    description: 'A claim already awaiting review: 409.',
    write: true,
    ok: {
      status: 200,
      description: 'In review; ETag is the claim’s new one',
      schema: claimReviewStateSchema,
      etag: true,
    },
    extra: conflict,
  },
  {
    method: 'put',
    path: '/claims/{claimId}/reviewer',
    tag: REVIEW,
    summary: 'Assign a reviewer to the claim, or none',
    body: reviewerAssignSchema,
    write: true,
    ok: {
      status: 200,
      description: 'Assigned; ETag is the claim’s',
      schema: claimReviewStateSchema,
      etag: true,
    },
  },
];
