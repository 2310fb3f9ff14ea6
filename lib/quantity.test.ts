import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatQuantity, parseAmount, parseQuantityText } from './quantity';
import { quantityInputSchema } from './quantity-input';
import {
  admiraltyCode,
  assessmentLabel,
  likelihoodRank,
  RELIABILITY,
  CREDIBILITY,
  LIKELIHOODS,
} from './scales';

describe('parseAmount', () => {
  it.each([
    ['206', { min: 206, max: 206 }],
    ['2,500,000–10,000,000', { min: 2_500_000, max: 10_000_000 }],
    ['2.5m - 10m', { min: 2_500_000, max: 10_000_000 }],
    ['10 million to 2.5 million', { min: 2_500_000, max: 10_000_000 }],
    ['1 500', { min: 1500, max: 1500 }],
    ['0.5', { min: 0.5, max: 0.5 }],
    ['about 200', { min: 200, max: 200 }],
    ['', null],
    ['206 persons', { min: 206, max: 206 }],
    ['lots', null],
    ['206 persons and 3 trucks', null],
  ])('%j → %j', (raw, expected) => expect(parseAmount(raw)).toEqual(expected));
});

describe('figures as analysts type them', () => {
  it.each([
    ['€2.5M', 2_500_000, 2_500_000, 'EUR'],
    ['2.5 million euros', 2_500_000, 2_500_000, 'EUR'],
    ['10m EUR', 10_000_000, 10_000_000, 'EUR'],
    ['EUR 10m', 10_000_000, 10_000_000, 'EUR'],
    ['180–200', 180, 200, null],
    ['180-200 prisoners', 180, 200, 'prisoners'],
    ['3–4 million', 3_000_000, 4_000_000, null],
    ['between 2 and 3 million dollars', 2_000_000, 3_000_000, 'USD'],
    ['$3 million', 3_000_000, 3_000_000, 'USD'],
    ['£1.5bn', 1_500_000_000, 1_500_000_000, 'GBP'],
    ['5 milliards de FCFA', null, null, null],
    ['about 200 armed men', 200, 200, 'armed men'],
    ['2 500 000', 2_500_000, 2_500_000, null],
    ['some 12k', 12_000, 12_000, null],
  ])('%s', (raw, min, max, unit) => {
    expect(parseQuantityText(raw)).toEqual(min === null ? null : { min, max, unit });
  });

  it('takes the unit field over the unit the figure carries', () => {
    expect(quantityInputSchema.parse({ amount: '€2.5M' })).toEqual({
      min: 2_500_000,
      max: 2_500_000,
      unit: 'EUR',
    });
    expect(quantityInputSchema.parse({ amount: '€2.5M', unit: 'euros' })).toMatchObject({ unit: 'euros' });
  });
});

describe('formatQuantity', () => {
  it.each([
    [{ min: 206, max: 206, unit: 'persons' }, '206 persons'],
    [{ min: 2_500_000, max: 10_000_000, unit: 'EUR' }, '2,500,000–10,000,000 EUR'],
    [{ min: 4, max: 4, unit: '' }, '4'],
  ])('%j → %s', (q, text) => expect(formatQuantity(q)).toBe(text));
});

describe('quantityInputSchema', () => {
  it('accepts an empty quantity and refuses a unit without an amount or a non-number', () => {
    expect(quantityInputSchema.parse({})).toBeNull();
    expect(quantityInputSchema.parse({ amount: '206', unit: 'persons' })).toEqual({
      min: 206,
      max: 206,
      unit: 'persons',
    });
    expect(quantityInputSchema.safeParse({ unit: 'EUR' }).success).toBe(false);
    expect(quantityInputSchema.safeParse({ amount: 'lots', unit: 'EUR' }).success).toBe(false);
  });
});

describe('scales', () => {
  it('uses the exact labels', () => {
    expect(Object.values(RELIABILITY)).toEqual([
      'Completely reliable',
      'Usually reliable',
      'Fairly reliable',
      'Not usually reliable',
      'Unreliable',
      'Reliability cannot be judged',
    ]);
    expect(Object.values(CREDIBILITY)).toEqual([
      'Confirmed by other sources',
      'Probably true',
      'Possibly true',
      'Doubtful',
      'Improbable',
      'Truth cannot be judged',
    ]);
    expect(LIKELIHOODS.map((l) => `${l.label} (${l.range})`)).toEqual([
      'almost no chance (1–5%)',
      'very unlikely (5–20%)',
      'unlikely (20–45%)',
      'roughly even chance (45–55%)',
      'likely (55–80%)',
      'very likely (80–95%)',
      'almost certain (95–99%)',
    ]);
  });

  it('writes ratings and assessments as analysts do', () => {
    expect(admiraltyCode('B', 2)).toBe('B2');
    expect(admiraltyCode(null, 3)).toBe('–3');
    expect(assessmentLabel('likely', 'moderate')).toBe('likely (55–80%) · moderate confidence');
    expect(likelihoodRank('almost_no_chance')).toBe(0);
    expect(likelihoodRank('almost_certain')).toBe(6);
  });
});

describe('the modules the claim form loads in the browser', () => {
  // Building a zod object schema probes `new Function`, which the app's CSP reports as a violation.
  it.each(['quantity.ts', 'topics.ts', 'documents/paste-format.ts'])('%s does not import zod', (file) => {
    expect(readFileSync(path.join(__dirname, file), 'utf8')).not.toMatch(/from 'zod'/);
  });
});
