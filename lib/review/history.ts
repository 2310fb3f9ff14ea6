/**
 * A claim's timeline, read from its audit events: who did what, when, in plain words, with the
 * fields that changed (old → new, as labels analysts read: type names, tradecraft kinds,
 * likelihood bands, status words).
 *
 * Decisions:
 * - newest first (by time, then by event id);
 * - `who` is the actor's name, or "a former member" when the account is gone;
 * - `changes` lists only fields whose value differs; a field missing from an older event's
 *   details (e.g. topic and quantity before they were recorded) is left out rather than guessed;
 *   tags compare as sets and show as a comma list; an empty value is null;
 * - `note` carries the free text that goes with an event, shown as written: the passage quoted
 *   when a claim is created or a passage added or removed, an adjudication's rationale, a
 *   dispute's reason, a comment's excerpt;
 * - details that are missing or malformed never throw: the entry keeps its summary and shows what
 *   it can; an action this module does not know gets a generic summary built from its name;
 * - the trash: a document in `hiddenDocuments` (in the trash, or deleted for good) is named by its
 *   label ("in a document in the trash") and none of its passages is quoted (the note of a
 *   passage event, a re-attached passage's words; the document of a re-attach is found through
 *   `anchorDocuments` when the event does not name it); a source in `hiddenSources` is named by
 *   its label ("from a source in the trash").
 */
import {
  CLAIM_KINDS,
  CREDIBILITY,
  LIKELIHOOD_KEYS,
  likelihoodLabel,
  type Credibility,
  type Likelihood,
} from '../scales';
import { CLAIM_STATUS_LABELS } from '../vocabulary';

export interface TimelineAuditEvent {
  id: number;
  at: Date;
  actorName: string | null;
  action: string;
  details: Record<string, unknown> | null;
}

export interface TimelineLookups {
  /** claim type id → name */
  typeNames: Map<string, string>;
  /** source id → name, for evidence events */
  sourceNames?: Map<string, string>;
  /** document id → title, for passages ("created the claim in “Mali: the exchange”") */
  documentTitles?: Map<string, string>;
  /** document id → what to call it instead of its title ("a document in the trash"): never quoted */
  hiddenDocuments?: Map<string, string>;
  /** source id → what to call it instead of its name ("a source in the trash") */
  hiddenSources?: Map<string, string>;
  /** anchor id → its document's id, for events that name only the anchor */
  anchorDocuments?: Map<string, string>;
}

export interface TimelineChange {
  field: string;
  from: string | null;
  to: string | null;
}

export interface TimelineEntry {
  id: number;
  at: Date;
  /** the actor's name, or "a former member" */
  who: string;
  /** the audit action, e.g. "claim.update" (for icons or filters) */
  action: string;
  /** what they did, in plain words: "created the claim", "recorded an assessment" */
  summary: string;
  /** fields that changed, old → new, as display labels */
  changes: TimelineChange[];
  /** free text that goes with the event (quote, rationale, reason, comment excerpt), or null */
  note: string | null;
}

export const FORMER_MEMBER = 'a former member';

/** Looked up with any string: an event may carry a status this build no longer knows. */
export const CLAIM_STATUS_WORDS: Readonly<Record<string, string>> = CLAIM_STATUS_LABELS;

type Details = Record<string, unknown>;

const isRecord = (v: unknown): v is Details => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Details | null, key: string): o is Details => o !== null && Object.hasOwn(o, key);

/** "in_review" → "in review", "claim.pin_note" → "claim pin note" */
const humanize = (s: string) => s.replace(/[._]+/g, ' ').replace(/\s+/g, ' ').trim();

/** A display value: trimmed text, or null when empty or not text. */
function text(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** A statement in quotes, shortened at a word boundary past 80 characters. */
function quoted(s: string): string {
  const flat = s.trim().replace(/\s+/g, ' ');
  if (flat.length <= 80) return `“${flat}”`;
  const cut = flat.slice(0, 80);
  const space = cut.lastIndexOf(' ');
  return `“${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…”`;
}

function statusWord(v: unknown): string | null {
  const s = text(v);
  return s === null ? null : (CLAIM_STATUS_WORDS[s] ?? humanize(s));
}

function kindLabel(v: unknown): string | null {
  const s = text(v);
  if (s === null) return null;
  return Object.hasOwn(CLAIM_KINDS, s) ? CLAIM_KINDS[s as keyof typeof CLAIM_KINDS] : humanize(s);
}

function likelihood(v: unknown): string | null {
  const s = text(v);
  if (s === null) return null;
  return (LIKELIHOOD_KEYS as readonly string[]).includes(s) ? likelihoodLabel(s as Likelihood) : humanize(s);
}

/** 2 → "Probably true (2)" */
function credibility(v: unknown): string | null {
  const s = text(v);
  if (s === null) return null;
  const label = CREDIBILITY[Number(s) as Credibility] as string | undefined;
  return label ? `${label} (${s})` : s;
}

function tagList(v: unknown): string[] | null {
  if (Array.isArray(v)) return v.filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  if (typeof v === 'string')
    return v
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  return null;
}

interface Field {
  key: string;
  label: string;
  show: (v: unknown) => string | null;
  /** values compared for equality; defaults to the shown value */
  same?: (a: unknown, b: unknown) => boolean;
}

/**
 * Old → new for each field present on both sides whose value differs. `before` null is a
 * creation (every field set is new); a `before` or `after` that is not an object shows nothing.
 */
function diff(before: unknown, after: unknown, fields: Field[]): TimelineChange[] {
  if ((before !== null && !isRecord(before)) || !isRecord(after)) return [];
  const b = before;
  const a = after;
  const out: TimelineChange[] = [];
  for (const f of fields) {
    // A creation has no "before": every field it sets is new.
    if (!has(a, f.key) || (b !== null && !has(b, f.key))) continue;
    const from = b ? f.show(b[f.key]) : null;
    const to = f.show(a[f.key]);
    const same = b && f.same ? f.same(b[f.key], a[f.key]) : from === to;
    if (!same) out.push({ field: f.label, from, to });
  }
  return out;
}

function claimFields(lookups: TimelineLookups): Field[] {
  const typeName = (v: unknown) => {
    const id = text(v);
    return id === null ? null : (lookups.typeNames.get(id) ?? 'a deleted type');
  };
  const tags = (v: unknown) => tagList(v)?.join(', ') || null;
  const tagSet = (v: unknown) => JSON.stringify([...(tagList(v) ?? [])].sort());
  return [
    { key: 'statement', label: 'statement', show: text },
    { key: 'typeId', label: 'type', show: typeName, same: (a, b) => text(a) === text(b) },
    { key: 'kind', label: 'kind', show: kindLabel },
    { key: 'tags', label: 'tags', show: tags, same: (a, b) => tagSet(a) === tagSet(b) },
    { key: 'topic', label: 'topic', show: text },
    { key: 'quantity', label: 'quantity', show: text },
  ];
}

const ASSESSMENT_FIELDS: Field[] = [
  { key: 'likelihood', label: 'likelihood', show: likelihood },
  { key: 'confidence', label: 'confidence', show: text },
];

/** The team's judgment a reviewer records with a decision. */
const JUDGMENT_FIELDS: Field[] = [
  { key: 'likelihood', label: 'team’s likelihood', show: likelihood },
  { key: 'confidence', label: 'team’s confidence', show: text },
];

const EVIDENCE_FIELDS: Field[] = [
  { key: 'stance', label: 'stance', show: text },
  { key: 'credibility', label: 'credibility', show: credibility },
];

type Described = Pick<TimelineEntry, 'summary' | 'changes' | 'note'>;

function describeEvent(action: string, d: Details | null, lookups: TimelineLookups): Described {
  const get = (key: string): unknown => (d && Object.hasOwn(d, key) ? d[key] : undefined);
  const entry = (summary: string, changes: TimelineChange[] = [], note: unknown = null): Described => ({
    summary,
    changes,
    note: text(note),
  });
  const documentId = text(get('documentId')) ?? lookups.anchorDocuments?.get(text(get('anchorId')) ?? '');
  const hiddenDocument = documentId ? lookups.hiddenDocuments?.get(documentId) : undefined;
  const inDocument = () => {
    if (hiddenDocument) return ` in ${hiddenDocument}`;
    const title = documentId ? lookups.documentTitles?.get(documentId) : undefined;
    return title ? ` in ${quoted(title)}` : '';
  };
  /** The words of a passage, unless its document is hidden. */
  const passage = (key: string) => (hiddenDocument ? null : get(key));
  const source = () => {
    const id = text(get('sourceId'));
    const name = id === null ? undefined : (lookups.hiddenSources?.get(id) ?? lookups.sourceNames?.get(id));
    return name ? ` from ${name}` : '';
  };
  const status = (): TimelineChange[] => {
    const from = statusWord(get('from'));
    const to = statusWord(get('to'));
    return from === to ? [] : [{ field: 'status', from, to }];
  };

  switch (action) {
    case 'claim.create': {
      const statement = text(get('statement'));
      return entry(
        `created the claim${inDocument()}`,
        statement === null ? [] : [{ field: 'statement', from: null, to: statement }],
        passage('quote'),
      );
    }
    case 'claim.update': {
      const changes = diff(get('before'), get('after'), claimFields(lookups));
      return entry(changes.length ? 'edited the claim' : 'saved the claim without changes', changes);
    }
    case 'claim.add_appearance':
      return entry(`added a passage${inDocument()}`, [], passage('quote'));
    case 'claim.remove_appearance':
      return entry(`removed a passage${inDocument()}`, [], passage('quote'));
    case 'anchor.reattach': {
      const previous = text(get('previousStatus'));
      const from = text(passage('from'));
      const to = text(passage('to'));
      return entry(
        previous === 'orphaned'
          ? 're-attached a lost passage'
          : previous === 'fuzzy'
            ? 're-attached a passage that had moved'
            : 're-attached a passage',
        from === to ? [] : [{ field: 'passage', from, to }],
      );
    }
    case 'anchor.accept_match': {
      // A close match after a new version, accepted: the passage takes the new words as its quote.
      const from = text(passage('from'));
      const to = text(passage('to'));
      return entry(
        `accepted a close match${inDocument()}`,
        from === to ? [] : [{ field: 'passage', from, to }],
      );
    }
    case 'anchor.detach':
      return entry(`detached a passage from the text${inDocument()}`, [], passage('quote'));
    case 'claim.trash':
      return entry('moved the claim to the trash');
    case 'claim.restore':
      return entry('restored the claim from the trash');
    case 'assessment.create':
      return entry('recorded an assessment', diff(null, get('after'), ASSESSMENT_FIELDS));
    case 'assessment.update': {
      const changes = diff(get('before'), get('after'), ASSESSMENT_FIELDS);
      return entry(
        changes.length ? 'revised their assessment' : 'saved their assessment without changes',
        changes,
      );
    }
    case 'evidence.create':
      return entry(`added evidence${source()}`, diff(null, d, EVIDENCE_FIELDS));
    case 'evidence.update':
      return entry(`edited evidence${source()}`, diff(get('before'), get('after'), EVIDENCE_FIELDS));
    case 'evidence.trash':
      return entry(`moved evidence${source()} to the trash`);
    case 'evidence.restore':
      return entry(`restored evidence${source()} from the trash`);
    case 'claim.submit_review':
      return entry(
        text(get('to')) === 'in_review' || !has(d, 'to')
          ? 'submitted the claim for review'
          : 'changed the status',
        status(),
      );
    case 'claim.adjudicate': {
      const to = text(get('to'));
      const verdict =
        to === 'accepted'
          ? 'accepted the claim'
          : to === 'rejected'
            ? 'rejected the claim'
            : to === 'disputed'
              ? 'found the claim disputed'
              : 'adjudicated the claim';
      const preferred = text(get('preferredClaimId')) ? ' and chose the preferred claim of its topic' : '';
      return entry(
        verdict + preferred + stakeText(get('stake')),
        [...status(), ...diff(null, d, JUDGMENT_FIELDS)],
        get('rationale'),
      );
    }
    case 'claim.alternative': {
      const preferred = text(get('preferredStatement'));
      return entry(
        `marked the claim as an alternative to ${preferred ? quoted(preferred) : 'another claim'}`,
      );
    }
    case 'claim.assign': {
      const from = text(get('previousReviewerName'));
      const to = text(get('reviewerName'));
      const summary =
        to === null ? 'removed the reviewer' : from === null ? 'assigned a reviewer' : 'changed the reviewer';
      return entry(summary, from === to ? [] : [{ field: 'reviewer', from, to }]);
    }
    case 'claim.dispute':
      return entry('disputed the claim', [], get('reason'));
    case 'comment.create':
      return entry('commented', [], get('excerpt'));
    case 'comment.update':
      return entry('edited a comment', [], get('excerpt'));
    case 'comment.delete':
      return entry('deleted a comment', [], get('excerpt'));
    case 'comment.resolve':
      return entry('resolved a comment', [], get('excerpt'));
    case 'comment.reopen':
      return entry('reopened a comment', [], get('excerpt'));
    default: {
      const name = humanize(action);
      return entry(name ? `made a change (${name})` : 'made a change');
    }
  }
}

const time = (at: Date) => {
  const t = at instanceof Date ? at.getTime() : Number.NaN;
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
};

/**
 * One audit event in plain words ("recorded an assessment", "edited the claim"), for the claim's
 * timeline and the workspace's Activity page; never throws.
 */
export function describeAuditEvent(
  action: string,
  details: unknown,
  lookups: TimelineLookups,
): Pick<TimelineEntry, 'summary' | 'changes' | 'note'> {
  try {
    return describeEvent(action, isRecord(details) ? details : null, lookups);
  } catch {
    return { summary: 'made a change', changes: [], note: null };
  }
}

/** One claim's audit events → its timeline, newest first. */
export function claimTimeline(
  events: readonly TimelineAuditEvent[],
  lookups: TimelineLookups,
): TimelineEntry[] {
  return [...events]
    .sort((a, b) => time(b.at) - time(a.at) || b.id - a.id)
    .map((e) => {
      // Never lets one odd event break the timeline.
      const described = describeAuditEvent(e.action, e.details, lookups);
      return {
        id: e.id,
        at: e.at,
        who: (typeof e.actorName === 'string' && e.actorName.trim()) || FORMER_MEMBER,
        action: e.action,
        ...described,
      };
    });
}

/** The reviewer's own stake in a claim they decided (recorded with the decision), in words. */
export function stakeText(stake: unknown): string {
  const list = Array.isArray(stake) ? stake : [];
  const wrote = list.includes('author');
  const disputed = list.includes('disputant');
  if (wrote && disputed) return ', though they wrote it and had disputed it';
  if (wrote) return ', though they wrote it';
  if (disputed) return ', though they had disputed it';
  return '';
}
