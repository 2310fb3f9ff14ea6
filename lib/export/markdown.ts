/**
 * A readable brief in Markdown (CommonMark + GFM): a title with the workspace, the export date
 * and the scope, then the claims grouped by topic ("Claims without a topic" last; claims arrive
 * ordered by topic). For each claim: its statement as a heading; type, kind, quantity, tags,
 * status, decision and contested reasons; the quoted passages with their documents; the evidence
 * ("RFI (B2, contradicts): “quote” — locator"); the assessments
 * ("Ana: likely (55–80%) · moderate confidence — rationale").
 *
 * Everything an analyst typed goes through `escapeMarkdown`, so a statement cannot open a link,
 * an image, raw HTML, emphasis, a heading or a list, nor become one of GFM's autolinks (bare
 * "https://…", "www.…" and e-mail addresses are written with a backslash that renders invisibly).
 */
import { formatQuantity } from '../quantity';
import { admiraltyCode, assessmentLabel, CLAIM_KINDS } from '../scales';
import { CLAIM_STATUS_LABELS, type ExportClaim, type ExportSourceData } from './model';
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
      out.push(`- ${quoted(a.exact, '  ')} — *${escapeMarkdown(a.documentTitle)}*${status}`);
    }
    out.push('');
  }

  out.push('**Evidence**', '');
  if (claim.evidence.length === 0) out.push('No evidence recorded.');
  for (const e of claim.evidence) {
    let line = `- ${escapeMarkdown(e.sourceName)} (${admiraltyCode(e.reliability, e.credibility)}, ${e.stance})`;
    if (e.quote) line += `: ${quoted(e.quote, '  ')}`;
    if (e.locator) line += ` — ${escapeMarkdown(e.locator)}`;
    out.push(line);
    if (e.note) out.push(`  *Note:* ${escapeMarkdown(e.note, '  ')}`);
  }
  out.push('');

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

export async function* markdownChunks(data: ExportSourceData): AsyncGenerator<string> {
  const { context } = data;
  yield [
    `# ${escapeMarkdown(context.workspace.name)} — claims and evidence`,
    '',
    `Exported ${minute(context.exportedAt)} by ${escapeMarkdown(context.exportedBy)} · Scope: ${escapeMarkdown(scopeLabel(data))}`,
    '',
    '',
  ].join('\n');
  let topic: string | null | undefined = undefined;
  for await (const claim of data.claims()) {
    if (claim.topic !== topic) {
      topic = claim.topic;
      yield `## ${topic === null ? 'Claims without a topic' : escapeMarkdown(topic)}\n\n`;
    }
    yield claimMarkdown(claim);
  }
  if (topic === undefined) yield '*No claims in this export.*\n';
}
