/** Claim types: validation, and the defaults a new workspace starts with. */
import { z } from 'zod';

export const DEFAULT_CLAIM_TYPES = [
  { name: 'Event', color: '#60a5fa', description: 'Something that happened, with when and where.' },
  { name: 'Figure', color: '#fbbf24', description: 'A number: people, money, dates, counts.' },
  { name: 'Attribution', color: '#c084fc', description: 'Who is behind something, or linked to whom.' },
  { name: 'Statement', color: '#94a3b8', description: 'What someone said or asserted.' },
];

export const DEMO_CLAIM_TYPES = [
  { name: 'Prisoner release', color: '#60a5fa', description: 'Who was released, how many, when.' },
  { name: 'Ransom', color: '#fbbf24', description: 'Whether a ransom was paid, and how much.' },
  { name: 'Foreign-state link', color: '#f472b6', description: 'Ties between a party and a foreign state.' },
  { name: 'Negotiation', color: '#34d399', description: 'Who negotiated, through whom, on what terms.' },
];

export const claimTypeSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name.').max(60, 'Use at most 60 characters.'),
  color: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, 'Choose a colour as #rrggbb.')
    .transform((c) => c.toLowerCase()),
  description: z
    .string()
    .trim()
    .max(300, 'Use at most 300 characters.')
    .optional()
    .transform((v) => v || null),
});
export type ClaimTypeInput = z.output<typeof claimTypeSchema>;
