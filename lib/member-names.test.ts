import { describe, expect, it } from 'vitest';
import { memberLabels, nameKey, type NamedMember } from './member-names';

const m = (id: string, name: string, joinedAt: number): NamedMember => ({ id, name, joinedAt });

describe('memberLabels', () => {
  it.each<[string, NamedMember[], boolean, Record<string, string>]>([
    [
      'distinct names stay as they are',
      [m('a', 'Ana Costa', 1), m('b', 'Bakary', 2)],
      false,
      { a: 'Ana Costa', b: 'Bakary' },
    ],
    [
      'namesakes are numbered by joining order, not by id',
      [m('z', 'Ana Costa', 1), m('a', 'Ana Costa', 2), m('m', 'Ana Costa', 3)],
      false,
      { z: 'Ana Costa', a: 'Ana Costa (2)', m: 'Ana Costa (3)' },
    ],
    [
      'with numberFirst, the first namesake is numbered too; a lone name is not',
      [m('z', 'Ana Costa', 1), m('a', 'ana  costa', 2), m('b', 'Bakary', 3)],
      true,
      { z: 'Ana Costa (1)', a: 'ana costa (2)', b: 'Bakary' },
    ],
    [
      'names compare without case, spacing or accent composition',
      [m('a', 'Aminata Keïta', 1), m('b', 'aminata kei\u0308ta', 2)],
      false,
      { a: 'Aminata Keïta', b: 'aminata kei\u0308ta (2)' },
    ],
    [
      'a label never takes another member’s own name',
      [m('a', 'Ana Costa', 1), m('b', 'Ana Costa (2)', 2), m('c', 'Ana Costa', 3)],
      false,
      { a: 'Ana Costa', b: 'Ana Costa (2)', c: 'Ana Costa (3)' },
    ],
    ['a blank name', [m('a', '  ', 1)], false, { a: 'a member' }],
  ])('%s', (_name, members, numberFirst, expected) => {
    expect(Object.fromEntries(memberLabels(members, { numberFirst }))).toEqual(expected);
  });

  it('does not change a label when a later namesake joins', () => {
    const before = memberLabels([m('x', 'Ana', 5), m('y', 'Ana', 9)]);
    const after = memberLabels([m('x', 'Ana', 5), m('y', 'Ana', 9), m('0', 'Ana', 12)]);
    expect([after.get('x'), after.get('y')]).toEqual([before.get('x'), before.get('y')]);
  });

  it('keys names as mentions compare them', () => {
    expect(nameKey('  Ana \t Costa ')).toBe('ana costa');
  });
});
