/** The confirmation after a new password: what else it ended, counted and named. */

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function describePasswordChange(
  lead: string,
  { endedSessions, revokedTokens }: { endedSessions: number; revokedTokens: number },
  sessionsWord: 'other session' | 'session' = 'other session',
): string {
  const parts: string[] = [];
  if (endedSessions > 0) {
    parts.push(
      `${plural(endedSessions, sessionsWord, `${sessionsWord}s`)} ${endedSessions === 1 ? 'was' : 'were'} signed out`,
    );
  }
  if (revokedTokens > 0) {
    parts.push(
      `${plural(revokedTokens, 'API token', 'API tokens')} ${revokedTokens === 1 ? 'was' : 'were'} revoked`,
    );
  }
  if (parts.length === 0) return `${lead}.`;
  return `${lead}. ${parts.join(' and ')}.`;
}
