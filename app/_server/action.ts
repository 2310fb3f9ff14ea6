/**
 * The wrapper every server action goes through: parse the form with zod (field errors back to
 * the form, with what was typed), require a signed-in user, run the data-layer call, and turn
 * what it throws into the form's state through the same mapping as every HTTP answer
 * (`asAppError` of lib/errors.ts, also behind app/_server/errors.ts): a typed error's message,
 * on its field when it names one; anything else logged and answered with the generic message of
 * `internal:server` — no stack trace or SQL reaches a page.
 */
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { asAppError } from '@/lib/errors';
import { fieldErrors } from '@/lib/validation';
import { requireUser, type CurrentUser } from './auth';

export interface ActionState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** What the user typed, so a failed submission loses nothing (passwords are never echoed). */
  values?: Record<string, string>;
  /** Data for the form to show after success (e.g. a new invite link). */
  data?: Record<string, string>;
}

const SECRET_FIELDS = /password|token/i;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !key.startsWith('$') && !SECRET_FIELDS.test(key)) values[key] = value;
  }
  return values;
}

export function errorState(thrown: unknown, values?: Record<string, string>): ActionState {
  unstable_rethrow(thrown);
  const error = asAppError(thrown, 'a server action');
  return {
    ok: false,
    message: error.field ? 'Please correct the highlighted fields.' : error.message,
    fieldErrors: error.field ? { [error.field]: [error.message] } : undefined,
    values,
  };
}

type Handler<S extends z.ZodType, U> = (
  data: z.infer<S>,
  ctx: { user: U; formData: FormData },
) => Promise<ActionState | void>;

async function run<S extends z.ZodType, U>(
  schema: S,
  formData: FormData,
  user: U,
  fn: Handler<S, U>,
): Promise<ActionState> {
  const values = formValues(formData);
  const parsed = schema.safeParse(Object.fromEntries(formData.entries()));
  if (!parsed.success) {
    return {
      ok: false,
      message: 'Please correct the highlighted fields.',
      fieldErrors: fieldErrors(parsed.error),
      values,
    };
  }
  try {
    return (await fn(parsed.data, { user, formData })) ?? { ok: true };
  } catch (error) {
    return errorState(error, values);
  }
}

/** A server action for signed-in users. */
export function validatedActionWithUser<S extends z.ZodType>(schema: S, fn: Handler<S, CurrentUser>) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const user = await requireUser();
    return run(schema, formData, user, fn);
  };
}

/** A server action open to anonymous visitors (sign-up). */
export function validatedAction<S extends z.ZodType>(schema: S, fn: Handler<S, null>) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> =>
    run(schema, formData, null, fn);
}
