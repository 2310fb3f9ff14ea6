/**
 * The contract of the workspace-level read endpoints of the REST API (v1): what a reviewer sees,
 * listed for an integrator — claim types, members, topics, the review queue, inter-analyst
 * agreement — and the caller's notifications. Response bodies are registered with `responseBody`,
 * request bodies with `requestBody`; the route handlers validate their query strings with the
 * query objects exported here, and the presenters (app/_server/api-v1-presenters-workspace.ts)
 * are typed by the response schemas.
 */
import { z } from 'zod';
import { ROLES } from '@/lib/permissions';
import { CONTESTED_REASON_KINDS } from '@/lib/review/contested';
import { CLAIM_KIND_KEYS } from '@/lib/scales';
import { CLAIM_STATUSES, NOTIFICATION_KINDS } from '@/lib/vocabulary';
import { requestBody, responseBody, type Endpoint } from './registry';

const id = (description: string) => z.string().describe(description);
const datetime = (description: string) => z.iso.datetime().describe(description);
const count = (description: string) => z.number().int().min(0).describe(description);

/** An id in a query string: 1–100 characters. */
const queryId = (name: string, description: string) =>
  z
    .string()
    .trim()
    .min(1, `${name} must not be empty.`)
    .max(100, `${name} is at most 100 characters.`)
    .optional()
    .describe(description);

/** A bounded integer in a query string (sent as text). */
const queryInt = (name: string, min: number, max: number, description: string) =>
  z.coerce
    .number({ error: `${name} must be a whole number from ${min} to ${max}.` })
    .int(`${name} must be a whole number from ${min} to ${max}.`)
    .min(min, `${name} must be a whole number from ${min} to ${max}.`)
    .max(max, `${name} must be a whole number from ${min} to ${max}.`)
    .optional()
    .describe(description);

// ——— Claim types ———

export const ClaimTypeList = responseBody(
  'ClaimTypeList',
  z.object({
    claimTypes: z
      .array(
        z.object({
          id: id('Send it as `typeId` when making or editing a claim.'),
          name: z
            .string()
            .describe('The type’s name; `type` of a claim body may name it instead of `typeId`.'),
          color: z.string().describe('The colour the app marks the type’s passages with (`#rrggbb`).'),
          description: z
            .string()
            .nullable()
            .describe('What the type is for, as the workspace’s owners wrote it.'),
          claimCount: count('Claims of this type in the workspace (the trash included).'),
        }),
      )
      .describe('In the order the workspace’s settings give them.'),
    kinds: z
      .array(
        z.object({
          key: z.enum(CLAIM_KIND_KEYS).describe('Send it as `kind` of a claim.'),
          label: z.string().describe('The words the app shows for it.'),
        }),
      )
      .describe('The kinds a claim may have (the same in every workspace).'),
  }),
  'The claim types of a workspace, and the claim kinds: what a claim body may send as `typeId`/`type` and `kind`.',
);

// ——— Members ———

export const MemberList = responseBody(
  'MemberList',
  z.object({
    members: z
      .array(
        z.object({
          id: id('The member’s user id (e.g. a review queue’s `assignee`).'),
          name: z.string(),
          email: z
            .string()
            .nullable()
            .describe('Shown to owners (who manage members) and for your own row only; null otherwise.'),
          role: z.enum(ROLES).describe('The member’s role in this workspace.'),
          joinedAt: datetime('When the member joined the workspace.'),
          isYou: z.boolean().describe('Whether this member is the token’s user.'),
        }),
      )
      .describe('By name.'),
  }),
  'The members of a workspace.',
);

// ——— Topics ———

export const TopicList = responseBody(
  'TopicList',
  z.object({
    topics: z
      .array(
        z.object({
          id: id('The topic’s id (the review queue’s and the agreement’s `topic` filter).'),
          question: z
            .string()
            .describe('The question the topic’s claims answer; a claim body’s `topic` names it.'),
          claimCount: count('Live claims on the topic (not in the trash).'),
          withQuantity: count('Of those, the claims with a quantity.'),
          contestedCount: count('Of those, the claims that are contested (see the review queue for why).'),
          contested: z.boolean().describe('Whether any claim of the topic is contested.'),
          similar: z
            .array(z.object({ id: z.string(), question: z.string() }))
            .describe('Other topics that may be the same question (a typo, a word more or less).'),
        }),
      )
      .describe('By question.'),
  }),
  'The topics of a workspace with their claim counts.',
);

// ——— Review queue ———

export const REVIEW_QUEUE_LIMIT = 500;

export const reviewQueueQuery = z.object({
  reason: z
    .enum([...CONTESTED_REASON_KINDS, 'in_review'], {
      error: `reason must be one of: ${[...CONTESTED_REASON_KINDS, 'in_review'].join(', ')}.`,
    })
    .optional()
    .describe('Only claims contested for this reason, or `in_review` (awaiting review).'),
  type: queryId('type', 'Only claims of this claim type (its id).'),
  topic: queryId('topic', 'Only claims on this topic (its id).'),
  document: queryId('document', 'Only claims with a passage in this document (its id).'),
  assignee: queryId(
    'assignee',
    'Only claims assigned to this member (their id), `me`, or `none` (unassigned).',
  ),
  limit: queryInt(
    'limit',
    1,
    REVIEW_QUEUE_LIMIT,
    `Items answered at most (default and maximum ${REVIEW_QUEUE_LIMIT}).`,
  ),
  offset: queryInt('offset', 0, 1_000_000, 'Items of the filtered queue skipped first (default 0).'),
});

const named = z.object({ id: z.string(), name: z.string() });

export const ReviewQueue = responseBody(
  'ReviewQueue',
  z.object({
    items: z
      .array(
        z.object({
          id: id('The claim’s id.'),
          statement: z.string(),
          type: z.object({ id: z.string(), name: z.string(), color: z.string() }),
          topic: z.object({ id: z.string(), question: z.string() }).nullable(),
          status: z.enum(CLAIM_STATUSES),
          reasons: z
            .array(
              z.object({
                kind: z.enum(CONTESTED_REASON_KINDS),
                label: z.string().describe('The reason in words.'),
                detail: z
                  .string()
                  .describe(
                    'What makes the claim contested. Under blind assessments, “analysts disagree” does not say who said what until you have recorded your own assessment of the claim.',
                  ),
                claimIds: z
                  .array(z.string())
                  .optional()
                  .describe('The other claims involved (competing values).'),
              }),
            )
            .describe('Why the claim is contested; empty when it is only awaiting review.'),
          reviewer: named.nullable().describe('The member assigned to review it.'),
          authorName: z.string().nullable().describe('Who made the claim (null: a former account).'),
          documents: z
            .array(z.object({ id: z.string(), title: z.string() }))
            .describe('Documents with a passage of the claim.'),
          updatedAt: datetime('When the claim last changed.'),
        }),
      )
      .describe('Contested claims and claims awaiting review, by topic then age; filtered, then paged.'),
    matched: count('Items that match the filters (before `offset` and `limit`).'),
    offset: count('Items skipped.'),
    limit: count('Items answered at most.'),
    counts: z
      .object({
        total: count('Claims in the queue (unfiltered).'),
        contested: count('Of those, contested.'),
        awaitingReview: count('Of those, awaiting review.'),
      })
      .describe('The whole queue’s counts, whatever the filters.'),
    facets: z
      .object({
        types: z.array(named),
        topics: z.array(named),
        documents: z.array(named),
        reviewers: z.array(named),
      })
      .describe('What the filters can choose from (ids for `type`, `topic`, `document`, `assignee`).'),
  }),
  'The review queue of a workspace.',
);

// ——— Agreement ———

export const agreementQuery = z.object({
  topic: queryId('topic', 'One topic’s agreement (its id) instead of the whole workspace’s.'),
});

export const Agreement = responseBody(
  'Agreement',
  z.object({
    topic: z
      .object({ id: z.string(), question: z.string() })
      .nullable()
      .describe('The topic asked for, or null for the whole workspace.'),
    alpha: z
      .number()
      .nullable()
      .describe('Krippendorff’s alpha (ordinal) of the likelihood ratings; null when it cannot be computed.'),
    units: count('Claims with two or more visible ratings (what alpha is computed over).'),
    raters: count('Analysts among those ratings.'),
    pairableValues: count('Ratings among those claims.'),
    interpretation: z.string().describe('Alpha in plain words (0.8 reliable, 0.667 tentative).'),
    hiddenClaims: count(
      'Claims others assessed whose assessments you may not see yet (blind assessments: assess them yourself): left out of every number here.',
    ),
    drivers: z
      .array(
        z.object({
          claimId: z.string(),
          statement: z.string(),
          share: z.number().min(0).max(1).describe('The claim’s share of the observed disagreement (0–1).'),
          spread: z.string().describe('The lowest to the highest likelihood given, in words.'),
          ratings: z
            .array(
              z.object({
                name: z.string().describe('The analyst.'),
                label: z.string().describe('Their likelihood.'),
              }),
            )
            .describe('Who said what.'),
        }),
      )
      .describe('The claims that add most to the disagreement (at most 20), highest first.'),
    topics: z
      .array(z.object({ id: z.string(), question: z.string() }))
      .describe('Every topic of the workspace (the `topic` filter’s choices).'),
    byTopic: z
      .object({
        topics: z.array(
          z.object({
            id: z.string(),
            question: z.string(),
            alpha: z.number().nullable(),
            units: count('Claims of the topic with two or more visible ratings.'),
            raters: count('Analysts among them.'),
          }),
        ),
        omitted: count('Topics with ratings left out (only those with the most rated claims are listed).'),
      })
      .describe('Alpha per topic (topics with rated claims, by question); the same blind rule applies.'),
  }),
  'Agreement between analysts on likelihood.',
);

// ——— Notifications ———

export const NOTIFICATION_LIMIT = 500;

export const notificationListQuery = z.object({
  limit: queryInt(
    'limit',
    1,
    NOTIFICATION_LIMIT,
    `Notifications answered at most (default 100, maximum ${NOTIFICATION_LIMIT}).`,
  ),
});

export const NotificationList = responseBody(
  'NotificationList',
  z.object({
    unread: count('Your unread notifications (all of them, whatever `limit`).'),
    notifications: z
      .array(
        z.object({
          id: z.string(),
          kind: z.enum(NOTIFICATION_KINDS),
          text: z.string().describe('The notification in words, as the app shows it.'),
          workspaceId: z.string(),
          workspaceName: z.string(),
          claimId: z.string().nullable().describe('The claim it is about.'),
          actorName: z.string().nullable().describe('Who caused it (null: a former account).'),
          createdAt: datetime('When it was made.'),
          read: z.boolean(),
        }),
      )
      .describe('Newest first, in the workspaces you still belong to.'),
  }),
  'Your notifications.',
);

export const MarkNotificationsRead = requestBody(
  'MarkNotificationsRead',
  z.strictObject(
    {
      ids: z
        .union(
          [
            z.literal('all'),
            z
              .array(z.string().min(1).max(100), {
                error: 'ids must be a list of notification ids or "all".',
              })
              .min(1, 'Name at least one notification, or send "all".')
              .max(500, 'Mark at most 500 notifications at once, or send "all".'),
          ],
          { error: 'ids must be a list of notification ids or "all".' },
        )
        .describe('The notifications to mark read, or `"all"`. Ids of others’ notifications are ignored.'),
    },
    { error: 'Send { "ids": [ids…] } or { "ids": "all" }.' },
  ),
  'Which of your notifications to mark read.',
);

export const NotificationsMarked = responseBody(
  'NotificationsMarked',
  z.object({
    marked: count('Notifications that were unread and are now read.'),
    unread: count('Your unread notifications left.'),
  }),
  'How many notifications were marked read.',
);

// ——— Endpoints ———

const invalidQuery = { 422: 'Invalid' };

export const WORKSPACE_REVIEW_ENDPOINTS: Endpoint[] = [
  {
    method: 'get',
    path: '/workspaces/{workspaceId}/claim-types',
    tag: 'Workspaces',
    summary: 'The claim types and claim kinds a claim may have',
    description:
      'Send a type’s `id` as `typeId` (or its `name` as `type`) and a kind’s `key` as `kind` when making a claim.',
    ok: { status: 200, description: 'The workspace’s claim types', schema: ClaimTypeList },
  },
  {
    method: 'get',
    path: '/workspaces/{workspaceId}/members',
    tag: 'Workspaces',
    summary: 'The members of a workspace, with their roles',
    description: 'Emails are shown to owners only (and your own to you), as on the Members page.',
    ok: { status: 200, description: 'The workspace’s members', schema: MemberList },
  },
  {
    method: 'get',
    path: '/workspaces/{workspaceId}/topics',
    tag: 'Workspaces',
    summary: 'The topics of a workspace, with claim counts and contested state',
    ok: { status: 200, description: 'The workspace’s topics', schema: TopicList },
  },
  {
    method: 'get',
    path: '/workspaces/{workspaceId}/review-queue',
    tag: 'Review',
    summary: 'The review queue: contested claims and claims awaiting review',
    description:
      'Each claim says why it is contested. Under blind assessments, the detail of “analysts disagree” is withheld until you have assessed the claim yourself, as in the app.',
    query: reviewQueueQuery,
    ok: { status: 200, description: 'The queue, filtered and paged', schema: ReviewQueue },
    extra: invalidQuery,
  },
  {
    method: 'get',
    path: '/workspaces/{workspaceId}/agreement',
    tag: 'Review',
    summary: 'Agreement between analysts on likelihood (Krippendorff’s alpha), overall and per topic',
    description:
      'Under blind assessments, only the claims whose assessments you may see count (those you assessed yourself; all of them for a viewer): `hiddenClaims` says how many were left out.',
    query: agreementQuery,
    ok: { status: 200, description: 'The agreement', schema: Agreement },
    extra: invalidQuery,
  },
  {
    method: 'get',
    path: '/notifications',
    tag: 'Notifications',
    summary: 'Your notifications, newest first',
    query: notificationListQuery,
    ok: { status: 200, description: 'Your notifications', schema: NotificationList },
    extra: invalidQuery,
  },
  {
    method: 'post',
    path: '/notifications/read',
    tag: 'Notifications',
    summary: 'Mark notifications read',
    body: MarkNotificationsRead,
    ok: { status: 200, description: 'How many were marked', schema: NotificationsMarked },
  },
];
