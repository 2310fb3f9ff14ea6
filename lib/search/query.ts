/**
 * The search box's little language, parsed once and rendered for each engine's full-text index
 * (db/queries/search.ts): words must all occur (any order), `"a phrase"` in that order, `-word`
 * or `-"a phrase"` must not occur, `word*` matches as a prefix, and so does the last word while
 * it is being typed (no space after it yet). Case and accents never matter: both indexes fold
 * them, and the words here are split where the indexes split them (letters, digits and marks), so
 * "l'Algérie" is the phrase "l algérie" and "10,000" the phrase "10 000".
 *
 * Tokens reach the engines only as letters and digits, so no input can change a query's
 * structure (FTS5 and tsquery syntax are never spliced in from the user).
 */

/** One thing the text must (or must not) contain: a word, or words in a row. */
export interface Clause {
  tokens: string[];
  /** The last token matches as a prefix. */
  prefix: boolean;
}

export interface SearchQuery {
  include: Clause[];
  exclude: Clause[];
}

export const MAX_QUERY_LENGTH = 200;
export const MAX_CLAUSES = 12;
export const MAX_TOKEN_LENGTH = 64;
/** A prefix shorter than this would match too much of a workspace to be of use: it must be whole. */
export const MIN_PREFIX_LENGTH = 2;

const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

/** The words of `text` as the indexes split them (NFC, letters, digits and marks). */
export function tokensOf(text: string): string[] {
  return [...text.normalize('NFC').matchAll(TOKEN)].map((m) => m[0].slice(0, MAX_TOKEN_LENGTH));
}

/** Lower case without accents: how both indexes compare words (for highlighting in the page). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/**
 * Parses the search box. An empty result (nothing to include) means there is nothing to search
 * for: a query of exclusions alone, or of punctuation, finds nothing rather than everything.
 */
export function parseSearchQuery(input: string): SearchQuery {
  const text = input.slice(0, MAX_QUERY_LENGTH);
  const query: SearchQuery = { include: [], exclude: [] };
  const pattern = /(-?)"([^"]*)("?)(\*?)|(-?)([^\s"]+)/g;
  for (const m of text.matchAll(pattern)) {
    const atEnd = m.index + m[0].length === text.length;
    let negated: boolean;
    let tokens: string[];
    let prefix: boolean;
    if (m[2] !== undefined && m[0].includes('"')) {
      negated = m[1] === '-';
      tokens = tokensOf(m[2]);
      // An unclosed phrase at the end is still being typed; a closed one matches as written.
      prefix = m[4] === '*' || (m[3] === '' && atEnd);
    } else {
      negated = m[5] === '-';
      const word = m[6] ?? '';
      tokens = tokensOf(word);
      prefix = word.endsWith('*') || atEnd;
    }
    if (!tokens.length) continue;
    const last = tokens[tokens.length - 1]!;
    if (prefix && last.length < MIN_PREFIX_LENGTH) prefix = false;
    const clause = { tokens, prefix: prefix && !negated };
    const into = negated ? query.exclude : query.include;
    if (query.include.length + query.exclude.length >= MAX_CLAUSES) break;
    if (!into.some((c) => sameClause(c, clause))) into.push(clause);
  }
  return query;
}

function sameClause(a: Clause, b: Clause): boolean {
  return (
    a.prefix === b.prefix &&
    a.tokens.length === b.tokens.length &&
    a.tokens.every((t, i) => foldForSearch(t) === foldForSearch(b.tokens[i]!))
  );
}

/** Whether the query can find anything (it has at least one clause to include). */
export function isSearchable(query: SearchQuery): boolean {
  return query.include.length > 0;
}

/** The query as an FTS5 MATCH expression (SQLite). */
export function toFts5(query: SearchQuery): string {
  const clause = (c: Clause) => `"${c.tokens.join(' ')}"${c.prefix ? '*' : ''}`;
  const included = query.include.map(clause).join(' AND ');
  return [`(${included})`, ...query.exclude.map((c) => `NOT ${clause(c)}`)].join(' ');
}

/** The query as tsquery text for `to_tsquery` (PostgreSQL). */
export function toTsquery(query: SearchQuery): string {
  const clause = (c: Clause) => {
    const lexemes = c.tokens.map((t, i) => `'${t}'${c.prefix && i === c.tokens.length - 1 ? ':*' : ''}`);
    return lexemes.length === 1 ? lexemes[0]! : `(${lexemes.join(' <-> ')})`;
  };
  return [...query.include.map(clause), ...query.exclude.map((c) => `!${clause(c)}`)].join(' & ');
}

/** The query written back as the search box shows it (normalised: the URL and the page agree). */
export function formatSearchQuery(query: SearchQuery): string {
  const clause = (c: Clause) =>
    c.tokens.length === 1
      ? `${c.tokens[0]}${c.prefix ? '*' : ''}`
      : `"${c.tokens.join(' ')}"${c.prefix ? '*' : ''}`;
  return [...query.include.map(clause), ...query.exclude.map((c) => `-${clause(c)}`)].join(' ');
}
