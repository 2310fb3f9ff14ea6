import { describe, expect, it } from 'vitest';
import { emailSchema, fieldErrors, inviteSchema, signUpSchema, workspaceNameSchema } from './validation';

describe('validation', () => {
  it.each([
    ['  Awa@Example.ORG ', 'awa@example.org'],
    ['moussa.keita@example.org', 'moussa.keita@example.org'],
  ])('normalises the email %j', (input, output) => expect(emailSchema.parse(input)).toBe(output));

  it.each(['', 'not-an-email', 'a@', '@example.org', `${'x'.repeat(250)}@example.org`])(
    'refuses the email %j',
    (input) => {
      expect(emailSchema.safeParse(input).success).toBe(false);
    },
  );

  it('reports each sign-up problem on its field', () => {
    const result = signUpSchema.safeParse({
      name: ' ',
      email: 'nope',
      password: 'short',
      confirmPassword: 'other',
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(Object.keys(fieldErrors(result.error)).sort()).toEqual([
      'confirmPassword',
      'email',
      'name',
      'password',
    ]);
    const mismatch = signUpSchema.safeParse({
      name: 'Awa',
      email: 'awa@example.org',
      password: 'long enough password',
      confirmPassword: 'different password',
    });
    expect(mismatch.success ? {} : fieldErrors(mismatch.error)).toEqual({
      confirmPassword: ['The two passwords differ.'],
    });
  });

  it.each([
    [{ role: 'viewer', expiresInDays: '7' }, true],
    [{ role: 'owner', expiresInDays: '30' }, true],
    [{ role: 'admin', expiresInDays: '7' }, false],
    [{ role: 'editor', expiresInDays: '0' }, false],
    [{ role: 'editor', expiresInDays: '31' }, false],
    [{ role: 'editor', expiresInDays: '2.5' }, false],
    [{ role: 'editor', expiresInDays: 'soon' }, false],
  ])('invite %j valid: %s', (input, valid) => expect(inviteSchema.safeParse(input).success).toBe(valid));

  it('trims workspace names and bounds their length', () => {
    expect(workspaceNameSchema.parse('  Sahel desk  ')).toBe('Sahel desk');
    expect(workspaceNameSchema.safeParse('   ').success).toBe(false);
    expect(workspaceNameSchema.safeParse('x'.repeat(81)).success).toBe(false);
  });
});
