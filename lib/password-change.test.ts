import { describe, expect, it } from 'vitest';
import { describePasswordChange } from './password-change';

describe('describePasswordChange', () => {
  const cases: [number, number, string][] = [
    [0, 0, 'Password changed.'],
    [1, 0, 'Password changed. 1 other session was signed out.'],
    [2, 0, 'Password changed. 2 other sessions were signed out.'],
    [0, 1, 'Password changed. 1 API token was revoked.'],
    [0, 3, 'Password changed. 3 API tokens were revoked.'],
    [1, 2, 'Password changed. 1 other session was signed out and 2 API tokens were revoked.'],
  ];
  it.each(cases)('%i sessions, %i tokens → %s', (endedSessions, revokedTokens, text) => {
    expect(describePasswordChange('Password changed', { endedSessions, revokedTokens })).toBe(text);
  });

  it('names sessions plainly for an operator reset', () => {
    expect(
      describePasswordChange(
        'New password set for a@example.org',
        { endedSessions: 2, revokedTokens: 1 },
        'session',
      ),
    ).toBe('New password set for a@example.org. 2 sessions were signed out and 1 API token was revoked.');
  });
});
