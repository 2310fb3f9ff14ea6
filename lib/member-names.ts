/**
 * Telling namesakes apart inside one workspace. Two members may share a display name ("Ana Costa");
 * wherever the name alone would be ambiguous (an export's analyst columns, the mention picker),
 * each gets a label that is unique among the workspace's members, never among the instance's users
 * (who else exists elsewhere is none of a member's business).
 *
 * The rules:
 * - names compare as mentions do: case-insensitively, accents composed (NFC), runs of whitespace
 *   as one space, trimmed;
 * - namesakes are numbered in the order they joined the workspace (then by user id), so a label
 *   does not change when someone else joins: "Ana Costa", "Ana Costa (2)"; with `numberFirst`, the
 *   first is "Ana Costa (1)" too (for mentions, where the bare name must stay ambiguous);
 * - a blank name is labelled "a member";
 * - a label never equals another member's own name: a member literally named "Ana Costa (2)" makes
 *   the next number be skipped.
 */

export interface NamedMember {
  id: string;
  name: string;
  /** when they joined the workspace (ms or Date): the first keeps the lowest number */
  joinedAt: number | Date;
}

/** The comparison key of a display name. */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

const ms = (d: number | Date) => (typeof d === 'number' ? d : d.getTime());

/** id → a label unique among these members (see the rules above). */
export function memberLabels(
  members: readonly NamedMember[],
  { numberFirst = false }: { numberFirst?: boolean } = {},
): Map<string, string> {
  const ordered = [...members].sort((a, b) => ms(a.joinedAt) - ms(b.joinedAt) || a.id.localeCompare(b.id));
  const byKey = new Map<string, NamedMember[]>();
  for (const m of ordered) {
    const key = nameKey(m.name);
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  const taken = new Set(byKey.keys());
  const out = new Map<string, string>();
  for (const group of byKey.values()) {
    const numbered = group.length > 1 && numberFirst;
    let next = numbered ? 1 : 2;
    for (const [i, m] of group.entries()) {
      const name = m.name.trim().replace(/\s+/gu, ' ') || 'a member';
      if (i === 0 && !numbered) {
        out.set(m.id, name);
        continue;
      }
      while (taken.has(nameKey(`${name} (${next})`))) next++;
      const label = `${name} (${next++})`;
      taken.add(nameKey(label));
      out.set(m.id, label);
    }
  }
  return out;
}
