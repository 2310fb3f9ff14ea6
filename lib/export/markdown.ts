/**
 * A brief in Markdown (CommonMark + GFM), written to be sent: a title with the workspace, the
 * date and the scope in words; then per topic (claims arrive ordered by topic, "Claims without a
 * topic" last) the bottom line first — the adjudicated or preferred claim with the decision and
 * the team's likelihood and confidence in ICD 203 words (the median of the assessments this reader
 * may see), or that the question is open — then the competing claims in a line each, each claim in
 * full (facts, passages, the evidence for and against with source ratings and addresses,
 * assessments), dissent (assessments on the other side of the bottom line) and open questions
 * (contested reasons, claims without evidence). A topic of two claims or more with evidence has,
 * after its competing claims, the matrix of competing hypotheses (lib/review/ach.ts) as a table.
 *
 * Everything an analyst typed goes through `escapeMarkdown`, so a statement cannot open a link,
 * an image, raw HTML, emphasis, a heading or a list, nor become one of GFM's autolinks (bare
 * "https://…", "www.…" and e-mail addresses are written with a backslash that renders invisibly).
 * The one link written is a source's own address (http or https only).
 */
import { pageLabel } from '../documents/pages';
import { formatQuantity } from '../quantity';
import { buildAch, cellLabel, formatScore, type AchLink } from '../review/ach';
import {
  admiraltyCode,
  assessmentLabel,
  CLAIM_KINDS,
  CONFIDENCES,
  LIKELIHOOD_KEYS,
  likelihoodRank,
  STANCES,
  type Confidence,
  type Likelihood,
  type Stance,
} from '../scales';
import { CLAIM_STATUS_LABELS, type ExportClaim, type ExportEvidence, type ExportSourceData } from './model';
import { scopeLabel } from './rows';

/** Characters with an inline meaning (links, images, HTML, entities, emphasis, code, tables, headings). */
const INLINE_SPECIAL = /[\\`*_[\]<>#&|~]/g;

function escapeLine(line: string): string {
  return (
    line
      .trim()
      .replace(INLINE_SPECIAL, '\\$&')
      // Break GFM's extended autolinks ("http://…", "www.…", "name@host…").
      .replace(/:\/\//g, '\\://')
      .replace(/\b(www)\./gi, '$1\\.')
      .replace(/@/g, '\\@')
      // Block constructs that only count at the start of a line: list items, setext underlines,
      // ordered lists ("1." / "1)").
      .replace(/^[-+=](?=\s|$|[-+=])/, '\\$&')
      .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
  );
}

/**
 * Escapes user text for Markdown. On one line by default (line breaks become spaces); with
 * `indent`, line breaks are kept as hard breaks and the following lines indented by it.
 */
export function escapeMarkdown(text: string, indent?: string): string {
  const lines = text.split(/\r\n?|\n/);
  if (indent === undefined) return escapeLine(lines.join(' '));
  return lines
    .map(escapeLine)
    .filter((line) => line !== '')
    .join(`\\\n${indent}`);
}

const day = (iso: string) => iso.slice(0, 10);
const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const quoted = (text: string, indent?: string) => `“${escapeMarkdown(text, indent)}”`;

/** The evidence of a claim under a heading per stance, in the scale's order. */
const STANCE_HEADING: Record<Stance, string> = {
  supports: 'For',
  contradicts: 'Against',
  qualifies: 'Qualifying',
  mentions: 'Mentions',
};
const STANCE_HEADINGS = STANCES.map((stance) => [stance, STANCE_HEADING[stance]] as const);

/** A source's name, linked to its address when it has one on the web. */
function sourceName(e: Pick<ExportEvidence, 'sourceName' | 'sourceUrl'>): string {
  const name = escapeMarkdown(e.sourceName);
  if (!e.sourceUrl || !/^https?:\/\/[^\s]+$/i.test(e.sourceUrl)) return name;
  const href = e.sourceUrl.replace(/[()<>\s"'`\\]/g, (c) => encodeURIComponent(c));
  return `[${name}](${href})`;
}

export function claimMarkdown(claim: ExportClaim): string {
  const out: string[] = [`### ${escapeMarkdown(claim.statement)}`, ''];
  const facts = [`**Type:** ${escapeMarkdown(claim.type)}`, `**Kind:** ${CLAIM_KINDS[claim.kind]}`];
  if (claim.quantity) facts.push(`**Quantity:** ${escapeMarkdown(formatQuantity(claim.quantity))}`);
  out.push(`- ${facts.join(' · ')}`);
  if (claim.tags.length) out.push(`- **Tags:** ${claim.tags.map((t) => escapeMarkdown(t)).join(' · ')}`);
  out.push(`- **Status:** ${CLAIM_STATUS_LABELS[claim.status]}`);
  if (claim.decision) {
    const d = claim.decision;
    out.push(
      `- **Decision:** ${d.status} by ${escapeMarkdown(d.decidedBy)} on ${day(d.decidedAt)} — ${escapeMarkdown(d.rationale, '  ')}`,
    );
  }
  if (claim.contested.length)
    out.push(`- **Contested:** ${claim.contested.map((r) => escapeMarkdown(r)).join('; ')}`);
  out.push('');

  if (claim.anchors.length) {
    out.push('**Passages**', '');
    for (const a of claim.anchors) {
      const status =
        a.status === 'fuzzy'
          ? ` (fuzzy match, score ${a.score.toFixed(2)})`
          : a.status === 'orphaned'
            ? ' (orphaned: no longer found in the text)'
            : '';
      const pages = a.pages?.length ? `, ${pageLabel(a.pages)}` : '';
      out.push(`- ${quoted(a.exact, '  ')} — *${escapeMarkdown(a.documentTitle)}*${pages}${status}`);
    }
    out.push('');
  }

  out.push('**Evidence**', '');
  if (claim.evidence.length === 0) out.push('No evidence recorded.');
  for (const [stance, heading] of STANCE_HEADINGS) {
    const pieces = claim.evidence.filter((e) => e.stance === stance);
    if (!pieces.length) continue;
    out.push(`*${heading}*`, '');
    for (const e of pieces) {
      let line = `- ${sourceName(e)} (${admiraltyCode(e.reliability, e.credibility)}, ${e.stance})`;
      if (e.quote) line += `: ${quoted(e.quote, '  ')}`;
      if (e.locator) line += ` — ${escapeMarkdown(e.locator)}`;
      out.push(line);
      if (e.note) out.push(`  *Note:* ${escapeMarkdown(e.note, '  ')}`);
    }
    out.push('');
  }
  if (claim.evidence.length === 0) out.push('');

  if (claim.assessments.length) {
    out.push('**Assessments**', '');
    for (const a of claim.assessments)
      out.push(
        `- ${escapeMarkdown(a.analyst)}: ${assessmentLabel(a.likelihood, a.confidence)} — ${escapeMarkdown(a.rationale, '  ')}`,
      );
    out.push('');
  }
  return out.join('\n') + '\n';
}

/** The median likelihood and the commonest confidence of some assessments (ties: the lower). */
export function teamJudgment(
  assessments: readonly { likelihood: Likelihood; confidence: Confidence }[],
): { likelihood: Likelihood; confidence: Confidence } | null {
  if (!assessments.length) return null;
  const ranks = assessments.map((a) => likelihoodRank(a.likelihood)).sort((x, y) => x - y);
  const likelihood = LIKELIHOOD_KEYS[ranks[Math.floor((ranks.length - 1) / 2)]!]!;
  const counts = CONFIDENCES.map((c) => assessments.filter((a) => a.confidence === c).length);
  const confidence = CONFIDENCES[counts.indexOf(Math.max(...counts))]!;
  return { likelihood, confidence };
}

const EVEN = likelihoodRank('roughly_even_chance');

/** The evidence links of some claims, as the ACH matrix reads them. */
export function achLinks(claims: readonly ExportClaim[]): AchLink[] {
  return claims.flatMap((c) =>
    c.evidence.map((e) => ({
      claimId: c.id,
      sourceId: e.sourceId,
      sourceName: e.sourceName,
      reliability: e.reliability,
      credibility: e.credibility,
      stance: e.stance,
      quote: e.quote,
      locator: e.locator,
    })),
  );
}

/**
 * A topic's competing hypotheses as a GFM table: the claims (H1, H2 … by rank, least
 * inconsistent first) listed with their scores, then the evidence by diagnosticity, a cell per
 * claim ("✔ supports (0.64)"). Empty when the topic has fewer than two claims or no evidence.
 */
export function achMarkdown(claims: readonly ExportClaim[]): string {
  if (claims.length < 2) return '';
  const m = buildAch(claims, achLinks(claims));
  if (!m.rows.length) return '';
  const out = [
    '**Competing hypotheses** (ranked by the weighted evidence against them, the least inconsistent first; weight = reliability × credibility)',
    '',
  ];
  m.hypotheses.forEach((h, i) =>
    out.push(
      `- H${i + 1}: ${escapeMarkdown(h.statement)} — inconsistency ${formatScore(h.inconsistency)}, support ${formatScore(h.support)}`,
    ),
  );
  out.push('');
  const head = [
    'Source',
    'Rating',
    'Quoted passage',
    'Diagnosticity',
    ...m.hypotheses.map((_, i) => `H${i + 1}`),
  ];
  out.push(`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`);
  for (const r of m.rows)
    out.push(
      `| ${[
        escapeMarkdown(r.sourceName),
        r.credibilities.map((c) => admiraltyCode(r.reliability, c)).join(', '),
        r.quote ? quoted(r.quote) : '',
        formatScore(r.diagnosticity),
        ...r.cells.map((c) => (c.stance ? `${cellLabel(c)} (${formatScore(c.weight)})` : cellLabel(c))),
      ].join(' | ')} |`,
    );
  const cut = [
    m.omitted.hypotheses ? `${m.omitted.hypotheses} later claims` : '',
    m.omitted.rows ? `${m.omitted.rows} less diagnostic rows` : '',
  ].filter(Boolean);
  if (cut.length) out.push('', `*Left out of the matrix: ${cut.join('; ')}.*`);
  return out.join('\n') + '\n';
}

/** A topic's section: the bottom line, the competing claims, each claim, dissent, open questions. */
export function topicMarkdown(topic: string, claims: readonly ExportClaim[]): string {
  const out: string[] = [`## ${escapeMarkdown(topic)}`, ''];
  const accepted = claims.filter((c) => c.status === 'accepted' && !c.alternativeOf);
  const bottom =
    accepted.find((c) => c.decision?.preferredClaimId === c.id) ??
    accepted.sort((a, b) => (b.decision?.decidedAt ?? '').localeCompare(a.decision?.decidedAt ?? ''))[0];
  const value = (c: ExportClaim) => (c.quantity ? ` (${escapeMarkdown(formatQuantity(c.quantity))})` : '');
  if (bottom) {
    const d = bottom.decision;
    const judgment = teamJudgment(bottom.assessments);
    out.push(
      `**Bottom line:** ${escapeMarkdown(bottom.statement)}${value(bottom)} — ${CLAIM_STATUS_LABELS[bottom.status]}` +
        (d
          ? ` by ${escapeMarkdown(d.decidedBy)} on ${day(d.decidedAt)}: ${escapeMarkdown(d.rationale)}`
          : '.'),
      '',
    );
    const count = `${bottom.assessments.length} assessment${bottom.assessments.length === 1 ? '' : 's'}`;
    // The judgment the reviewer recorded with the decision is the team's; the analysts' own
    // assessments follow it (their median), or stand in for it when none was recorded.
    out.push(
      d?.likelihood && d.confidence
        ? `**The team's judgment:** ${assessmentLabel(d.likelihood, d.confidence)}, recorded with the decision.` +
            (judgment
              ? ` The analysts' assessments: ${assessmentLabel(judgment.likelihood, judgment.confidence)} (median of ${count}).`
              : '')
        : judgment
          ? `**The team's judgment:** ${assessmentLabel(judgment.likelihood, judgment.confidence)} (${count}).`
          : "**The team's judgment:** no assessment recorded.",
      '',
    );
  } else {
    const contested = claims.filter((c) => c.contested.length).length;
    out.push(
      `**Bottom line:** open — no claim is accepted yet; ${claims.length} claim${claims.length === 1 ? '' : 's'}${contested ? `, ${contested} contested` : ''}.`,
      '',
    );
  }
  const others = claims.filter((c) => c !== bottom);
  if (others.length) {
    out.push(bottom ? '**Competing claims**' : '**Claims**', '');
    for (const c of others)
      out.push(
        `- ${escapeMarkdown(c.statement)}${value(c)} — ${CLAIM_STATUS_LABELS[c.status]}${c.alternativeOf ? ' (an alternative)' : ''}`,
      );
    out.push('');
  }
  const ach = achMarkdown(claims);
  if (ach) out.push(ach);
  for (const c of bottom ? [bottom, ...others] : others) out.push(claimMarkdown(c));
  if (bottom) {
    const dissent = bottom.assessments.filter((a) => likelihoodRank(a.likelihood) < EVEN);
    if (dissent.length) {
      out.push('**Dissent**', '');
      for (const a of dissent)
        out.push(
          `- ${escapeMarkdown(a.analyst)}: ${assessmentLabel(a.likelihood, a.confidence)} — ${escapeMarkdown(a.rationale, '  ')}`,
        );
      out.push('');
    }
  }
  const open = claims.flatMap((c) => {
    const gaps = [
      ...(c.contested.length ? [`contested (${c.contested.map((r) => escapeMarkdown(r)).join('; ')})`] : []),
      ...(c.evidence.length ? [] : ['no evidence yet']),
    ];
    return gaps.length ? [`- ${escapeMarkdown(c.statement)}: ${gaps.join('; ')}`] : [];
  });
  if (open.length) out.push('**Open questions**', '', ...open, '');
  return out.join('\n') + '\n';
}

export async function* markdownChunks(data: ExportSourceData): AsyncGenerator<string> {
  const { context } = data;
  yield [
    `# ${escapeMarkdown(context.workspace.name)} — brief`,
    '',
    `Exported ${minute(context.exportedAt)} by ${escapeMarkdown(context.exportedBy)} · Scope: ${escapeMarkdown(scopeLabel(data))}`,
    '',
    '',
  ].join('\n');
  // A topic's claims are held until the next topic begins (its bottom line comes first); claims
  // without a topic come last and are written as they arrive.
  let topic: string | null | undefined = undefined;
  let held: ExportClaim[] = [];
  const flush = () => {
    const section = topic ? topicMarkdown(topic, held) : '';
    held = [];
    return section;
  };
  for await (const claim of data.claims()) {
    if (claim.topic !== topic) {
      if (topic) yield flush();
      topic = claim.topic;
      if (topic === null) yield '## Claims without a topic\n\n';
    }
    if (topic) held.push(claim);
    else yield claimMarkdown(claim);
  }
  if (topic) yield flush();
  if (topic === undefined) yield '*No claims in this export.*\n';
}
