/** Input of a personal access token, validated the same way by the settings page and the CLI. */
import { z } from 'zod';

export const API_TOKEN_PREFIX = 'wrn_';
export const MAX_TOKEN_DAYS = 366;

export const apiTokenInputSchema = z.object({
  name: z
    .string({ error: 'Name the token (e.g. the script that uses it).' })
    .trim()
    .min(1, 'Name the token (e.g. the script that uses it).')
    .max(100, 'Use at most 100 characters.'),
  expiresInDays: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : Number(v)))
    .refine(
      (v) => v === null || (Number.isInteger(v) && v >= 1 && v <= MAX_TOKEN_DAYS),
      `Use a whole number of days from 1 to ${MAX_TOKEN_DAYS}, or leave it empty for no expiry.`,
    ),
});
export type ApiTokenInput = z.output<typeof apiTokenInputSchema>;

/** Whether a string looks like one of our tokens at all (checked before any lookup). */
export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(API_TOKEN_PREFIX) && /^wrn_[A-Za-z0-9_-]{20,100}$/.test(value);
}
