import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  allowedActions,
  can,
  isRole,
  PERMISSIONS,
  ROLE_LABELS,
  ROLES,
  type Action,
  type Role,
} from './permissions';

describe('the permission table', () => {
  // Written out by hand on purpose: a change to the table must change this test too.
  const expected: Record<Role, Action[]> = {
    owner: Object.keys(ACTIONS) as Action[],
    reviewer: [
      'workspace.read',
      'workspace.export',
      'document.write',
      'claim.write',
      'assessment.write',
      'comment.write',
      'claim.adjudicate',
    ],
    editor: [
      'workspace.read',
      'workspace.export',
      'document.write',
      'claim.write',
      'assessment.write',
      'comment.write',
    ],
    viewer: ['workspace.read', 'workspace.export'],
  };
  const cases = ROLES.flatMap((role) =>
    (Object.keys(ACTIONS) as Action[]).map((action) => ({
      role,
      action,
      allowed: expected[role].includes(action),
    })),
  );
  it.each(cases)('$role may $action: $allowed', ({ role, action, allowed }) => {
    expect(can(role, action)).toBe(allowed);
  });

  it('lists what a role may do, in table order', () => {
    for (const role of ROLES) expect(allowedActions(role)).toEqual(expected[role]);
  });

  it('grants nothing to a non-member', () => {
    for (const action of Object.keys(ACTIONS) as Action[]) {
      expect(can(null, action)).toBe(false);
      expect(can(undefined, action)).toBe(false);
    }
  });

  it('recognises roles', () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole('admin')).toBe(false);
    expect(isRole('Owner')).toBe(false);
  });

  it('is the table printed in the user guide', () => {
    const readme = readFileSync(path.join(__dirname, '..', 'docs', 'user-guide.md'), 'utf8');
    const block = /<!-- permissions:start -->\n([\s\S]*?)\n<!-- permissions:end -->/.exec(readme)?.[1];
    expect(block, 'user guide permissions block').toBeDefined();
    const [header, , ...rows] = block!.split('\n');
    expect(header).toBe(`| What | ${ROLES.map((r) => ROLE_LABELS[r]).join(' | ')} |`);
    const fromReadme = rows.map((row) => {
      const cells = row
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      return { what: cells[0], roles: ROLES.filter((_, i) => cells[i + 1] === '✓') };
    });
    const fromCode = (Object.keys(ACTIONS) as Action[]).map((a) => ({
      what: ACTIONS[a],
      roles: [...PERMISSIONS[a]],
    }));
    expect(fromReadme).toEqual(fromCode);
  });
});
