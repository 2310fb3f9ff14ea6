/**
 * Topics are questions claims answer ("How much ransom was paid?"). Two spellings of one question
 * must be one topic, or its claims are never compared: a topic is known by its key, the question
 * with case, accents, punctuation and spacing folded away. Questions whose keys differ by a letter
 * or two, or by a word, are near-duplicates: the form warns of them (they may be the same question
 * mistyped, or a real, different one).
 */

/** The question folded: lower case, accents off, punctuation out, single spaces. */
export function topicKey(question: string): string {
  return question
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Levenshtein distance when at most `max`, else `max + 1` (rows of the band only). */
function distanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The existing topics a question may duplicate: the same key (the same question, spelled
 * otherwise), or a key a few letters away (a tenth of its length, at least one, at most four), or
 * the same words but one added or dropped. Best first: same key, then by distance.
 */
export function similarTopics<T extends { question: string }>(
  question: string,
  topics: readonly T[],
): { topic: T; same: boolean }[] {
  const key = topicKey(question);
  if (!key) return [];
  const words = key.split(' ');
  const found: { topic: T; same: boolean; distance: number }[] = [];
  for (const topic of topics) {
    const other = topicKey(topic.question);
    if (other === key) {
      found.push({ topic, same: true, distance: 0 });
      continue;
    }
    const max = Math.min(4, Math.max(1, Math.floor(Math.min(key.length, other.length) / 10)));
    const distance = distanceWithin(key, other, max);
    const otherWords = other.split(' ');
    const oneWordApart =
      words.length >= 3 &&
      otherWords.length >= 3 &&
      Math.abs(words.length - otherWords.length) === 1 &&
      (words.length > otherWords.length ? words : otherWords).filter(
        (w) => !(words.length > otherWords.length ? otherWords : words).includes(w),
      ).length === 1;
    if (distance <= max || oneWordApart) found.push({ topic, same: false, distance });
  }
  return found
    .sort((a, b) => Number(b.same) - Number(a.same) || a.distance - b.distance)
    .map(({ topic, same }) => ({ topic, same }));
}
