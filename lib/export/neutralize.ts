/**
 * Formula-injection ("CSV injection") neutralisation, OWASP ASVS 1.2.10 / 5.3.x: a spreadsheet
 * opening an exported file must never evaluate what an analyst (or a quoted source) typed. Every
 * string cell that begins with = + - @, a tab, a carriage return or NUL (or a full-width = + - @)
 * gets a leading single quote, which makes spreadsheets read the cell as text. Numbers stay
 * numbers: a negative quantity is a value, not a formula.
 *
 * The price is that a text like "-5 °C" is written as "'-5 °C"; the JSON export keeps the
 * original text for programs.
 */

export type Cell = string | number | null;

// The full-width forms (＝ ＋ － ＠) are read as their ASCII selves by Apple Numbers.
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\0', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

export function neutralize(text: string): string {
  return text.length > 0 && TRIGGERS.has(text[0]!) ? `'${text}` : text;
}

export function neutralizeCell(value: Cell): Cell {
  return typeof value === 'string' ? neutralize(value) : value;
}
