import { describe, expect, it } from 'vitest';
import { splitPassages } from './passages';

const REPORT = [
  'Negotiators in Niamey said on Tuesday that the ransom had been paid in two instalments.',
  'A second source, speaking on condition of anonymity, put the figure at €10 million.',
  '',
  'The ministry denied any payment.',
].join('\n');

describe('splitPassages', () => {
  it('gives one passage per paragraph, with exact offsets', () => {
    const text = `${REPORT}\n\n\n   \n\nAnother paragraph.  `;
    const passages = splitPassages(text);
    expect(passages.map((p) => p.text)).toEqual([
      'Negotiators in Niamey said on Tuesday that the ransom had been paid in two instalments.\nA second source, speaking on condition of anonymity, put the figure at €10 million.',
      'The ministry denied any payment.',
      'Another paragraph.',
    ]);
    for (const p of passages) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('cuts a long paragraph at sentence ends', () => {
    const sentence = 'The convoy left Gao at dawn and reached the border before the checkpoint opened. ';
    const text = sentence.repeat(40).trim();
    const passages = splitPassages(text, 400);
    expect(passages.length).toBeGreaterThan(8);
    for (const p of passages) {
      expect(p.text.length).toBeLessThanOrEqual(400);
      expect(p.text.endsWith('opened.')).toBe(true);
      expect(text.slice(p.start, p.end)).toBe(p.text);
    }
    expect(passages.map((p) => p.text).join(' ')).toBe(text);
  });

  it('cuts a paragraph without sentence ends at spaces, and a run without spaces at the limit', () => {
    const words = 'hostage '.repeat(200).trim();
    for (const p of splitPassages(words, 100)) expect(p.text.length).toBeLessThanOrEqual(100);
    const run = '🙂'.repeat(150);
    const pieces = splitPassages(run, 101);
    expect(pieces.map((p) => p.text).join('')).toBe(run);
    for (const p of pieces) expect(p.text.isWellFormed()).toBe(true);
  });

  it('finds nothing in an empty or blank text', () => {
    expect(splitPassages('')).toEqual([]);
    expect(splitPassages('\n\n  \n\n')).toEqual([]);
  });
});
