/**
 * A claim's optional quantity: one value or a range, with a unit ("206 persons",
 * "2,500,000–10,000,000 EUR"). Parsed from what an analyst types, formatted for display.
 */
import { z } from 'zod';

export interface Quantity {
  min: number;
  max: number;
  unit: string;
}

const NUMBER = String.raw`[-+]?\d[\d,\s]*(?:\.\d+)?(?:\s*(?:k|m|million|bn|billion))?`;
const RANGE = new RegExp(String.raw`^\s*(${NUMBER})\s*(?:(?:–|—|-|to)\s*(${NUMBER}))?\s*$`, 'i');
const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, million: 1e6, bn: 1e9, billion: 1e9 };

export function parseNumber(raw: string): number | null {
  const m = /^([-+]?\d[\d,\s]*(?:\.\d+)?)\s*(k|m|million|bn|billion)?$/i.exec(raw.trim());
  if (!m) return null;
  const n = Number(m[1]!.replace(/[,\s]/g, ''));
  if (!Number.isFinite(n)) return null;
  return n * (m[2] ? MULTIPLIERS[m[2].toLowerCase()]! : 1);
}

/** "206" → {206, 206}; "2.5m-10m" → {2500000, 10000000}; null when it is not a number or range. */
export function parseAmount(raw: string): { min: number; max: number } | null {
  const m = RANGE.exec(raw);
  if (!m) return null;
  const a = parseNumber(m[1]!);
  const b = m[2] ? parseNumber(m[2]) : a;
  if (a === null || b === null) return null;
  return { min: Math.min(a, b), max: Math.max(a, b) };
}

/** One formatter for every call: `toLocaleString` with options builds a new one each time. */
const NUMBER_FORMAT = new Intl.NumberFormat('en', { maximumFractionDigits: 6 });

export function formatQuantity(q: Quantity): string {
  const f = (n: number) => NUMBER_FORMAT.format(n);
  const amount = q.min === q.max ? f(q.min) : `${f(q.min)}–${f(q.max)}`;
  return q.unit ? `${amount} ${q.unit}` : amount;
}

export const quantityInputSchema = z
  .object({
    amount: z.string().trim().max(100).optional(),
    unit: z.string().trim().max(40, 'Use at most 40 characters for the unit.').optional(),
  })
  .transform((v, ctx): Quantity | null => {
    if (!v.amount) {
      if (v.unit)
        ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter an amount for this unit.' });
      return null;
    }
    const parsed = parseAmount(v.amount);
    if (!parsed) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'Enter a number or a range, e.g. 206 or 2,500,000–10,000,000.',
      });
      return null;
    }
    return { ...parsed, unit: v.unit ?? '' };
  });
