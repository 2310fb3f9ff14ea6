/**
 * State the matrix's mocks share (app/authz-matrix.test.ts): the user the mocked
 * app/_server/auth.ts answers with, the typed errors created during a call (to tell which one a
 * server action answered with), and the signal the mocked redirect() throws.
 */
import type { CurrentUser } from '@/app/_server/auth';
import type { AppError } from '@/lib/errors';

export const session: { user: CurrentUser | null; errors: AppError[] } = { user: null, errors: [] };

export class RedirectSignal extends Error {
  constructor(readonly url: string) {
    super(`redirect to ${url}`);
    this.name = 'RedirectSignal';
  }
}
