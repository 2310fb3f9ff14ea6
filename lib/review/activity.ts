/**
 * The workspace's Activity, in sentences: "Awa imported the document “Mali: the exchange”",
 * "Rita accepted the claim “The ransom was €10M”". Claim, evidence, assessment and discussion
 * events read as on the claim's timeline (./history.ts); the workspace's own events (documents,
 * sources, topics, members, settings) have their words here; an action neither knows still reads
 * as a sentence built from its name. Never raw JSON, never an event name.
 */
import { describeAuditEvent, type TimelineLookups } from './history';

export interface ActivityObject {
  type: string;
  id: string;
  /** Its name now (a statement, a title), or null when it is gone. */
  label: string | null;
}

export interface ActivityLine {
  /** What was done, after the actor's name: "imported the document". */
  summary: string;
  /** Free text that goes with it (a rationale, a quote, old → new), or null. */
  note: string | null;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const quoted = (v: string) => `“${v}”`;

type Words = string | ((d: Record<string, unknown>) => ActivityLine | string);

const WORKSPACE_EVENTS: Record<string, Words> = {
  'document.import': 'imported the document',
  'document.revise': (d) =>
    typeof d.revision === 'number'
      ? `saved revision ${d.revision} of the document`
      : 'saved a new revision of the document',
  'document.update': 'edited the details of the document',
  'document.trash': 'moved the document to the trash',
  'document.restore': 'restored the document from the trash',
  'document.purge': 'deleted a document for good',
  'source.create': 'added the source',
  'source.update': 'edited the source',
  'source.trash': 'moved the source to the trash',
  'source.restore': 'restored the source from the trash',
  'topic.rename': (d) => ({
    summary: 'renamed a topic',
    note: text(d.from) && text(d.to) ? `${quoted(text(d.from)!)} → ${quoted(text(d.to)!)}` : null,
  }),
  'topic.merge': (d) => ({
    summary: 'merged a topic into',
    note: text(d.from) ? `${quoted(text(d.from)!)} (${Number(d.claims) || 0} claims moved)` : null,
  }),
  'topic.delete': (d) => ({ summary: 'deleted an empty topic', note: text(d.question) }),
  'claim_type.create': (d) => ({ summary: 'added a claim type', note: text(d.name) }),
  'claim_type.update': 'edited a claim type',
  'claim_type.delete': (d) => ({ summary: 'deleted a claim type', note: text(d.name) }),
  'invite.create': (d) =>
    text(d.role) ? `invited someone to join as ${text(d.role)}` : 'invited someone to join',
  'invite.accept': 'joined the workspace',
  'invite.revoke': 'withdrew an invitation',
  'invite.reissue': 'made a new link for an invitation (the earlier link no longer works)',
  'member.role_change': (d) =>
    text(d.to)
      ? `changed a member’s role${text(d.from) ? ` from ${text(d.from)}` : ''} to ${text(d.to)}`
      : 'changed a member’s role',
  'member.add': (d) => (text(d.role) ? `added a member as ${text(d.role)}` : 'added a member'),
  'member.remove': 'removed a member',
  'member.leave': 'left the workspace',
  'workspace.create': 'created the workspace',
  'workspace.rename': (d) => ({
    summary: 'renamed the workspace',
    note: text(d.from) && text(d.to) ? `${quoted(text(d.from)!)} → ${quoted(text(d.to)!)}` : null,
  }),
  'workspace.blind_assessments': (d) =>
    d.blind === true
      ? 'turned blind assessments on'
      : d.blind === false
        ? 'turned blind assessments off'
        : 'changed the review settings',
  'workspace.demo_handover': 'received the demo workspace',
  'api_token.create': 'created an API token',
  'api_token.revoke': 'revoked an API token',
};

/** Where an event's words come from: the claim's timeline for what happens to claims. */
const ON_CLAIMS = /^(claim|evidence|assessment|anchor|comment)\./;

export function activityLine(action: string, details: unknown, lookups: TimelineLookups): ActivityLine {
  const d =
    details && typeof details === 'object' && !Array.isArray(details)
      ? (details as Record<string, unknown>)
      : {};
  const words = WORKSPACE_EVENTS[action];
  if (words) {
    try {
      const line = typeof words === 'string' ? words : words(d);
      return typeof line === 'string' ? { summary: line, note: null } : line;
    } catch {
      return { summary: 'made a change', note: null };
    }
  }
  // What happens to claims reads as on the claim's timeline; anything else from its name.
  const described = describeAuditEvent(action, ON_CLAIMS.test(action) ? details : null, lookups);
  const changes = described.changes.map((c) => `${c.field}: ${c.from ?? '—'} → ${c.to ?? '—'}`).join('; ');
  return { summary: described.summary, note: [changes, described.note].filter(Boolean).join(' · ') || null };
}

/** The page of the app an event's object lives on, or null (a member, a token, something gone). */
export function activityHref(workspaceId: string, object: ActivityObject | null): string | null {
  if (!object || object.label === null) return null;
  const base = `/w/${encodeURIComponent(workspaceId)}`;
  const id = encodeURIComponent(object.id);
  switch (object.type) {
    case 'claim':
      return `${base}/claims/${id}`;
    case 'document':
      return `${base}/documents/${id}`;
    case 'source':
      return `${base}/sources/${id}`;
    case 'topic':
      return `${base}/topics/${id}`;
    default:
      return null;
  }
}
