/** Input schemas shared by forms, the CLI and (later) the API. Messages are written for people. */
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password';
import { ROLES } from './permissions';

export const emailSchema = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter an email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.org.' }));

export const passwordSchema = z
  .string({ error: 'Enter a password.' })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

export const personNameSchema = z
  .string({ error: 'Enter your name.' })
  .trim()
  .min(1, 'Enter your name.')
  .max(100, 'Use at most 100 characters.');

export const workspaceNameSchema = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(80, 'Use at most 80 characters.');

export const roleSchema = z.enum(ROLES, { error: 'Choose a role: owner, reviewer, editor or viewer.' });

/** The one answer of a successful sign-up, whether the email was free or already taken. */
export const SIGN_UP_READY = 'Your account is ready. Sign in to continue.';

export const signUpSchema = z
  .object({
    name: personNameSchema,
    email: emailSchema,
    password: passwordSchema,
    confirmPassword: z.string(),
    inviteToken: z.string().trim().max(200).optional(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords differ.',
  });

/** The signed-in user's current password, asked again before a sensitive change. */
export const currentPasswordSchema = z
  .string({ error: 'Enter your current password.' })
  .min(1, 'Enter your current password.')
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

export const changePasswordSchema = z
  .object({
    currentPassword: currentPasswordSchema,
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords differ.',
  });

export const inviteSchema = z.object({
  role: roleSchema,
  expiresInDays: z.coerce
    .number({ error: 'Choose how long the link stays valid.' })
    .int('Use a whole number of days.')
    .min(1, 'At least 1 day.')
    .max(30, 'At most 30 days.'),
});

/** Turns zod issues into `{ field: [messages] }` for forms and `{ field, message }` for the API. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
