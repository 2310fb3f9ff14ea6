import { describe, expect, it } from 'vitest';
import { similarTopics, topicKey } from './topics';

const TOPICS = [
  { id: 'ransom', question: 'How much ransom was paid?' },
  { id: 'prisoners', question: 'How many prisoners were released?' },
  { id: 'algeria', question: 'Is the mediator an Algerian agent?' },
  { id: 'route', question: 'Which route did the convoy take?' },
];

describe('a topic’s key', () => {
  it.each([
    ['How much ransom was paid?', 'how much ransom was paid'],
    ['how much ransom was paid', 'how much ransom was paid'],
    ['  How much   ransom was paid ?? ', 'how much ransom was paid'],
    ['How much ransom was paid (in euros)?', 'how much ransom was paid in euros'],
    ['Combien la rançon a-t-elle coûté ?', 'combien la rancon a t elle coute'],
    ['Est-ce un agent algérien ?', 'est ce un agent algerien'],
  ])('%s → %s', (question, key) => {
    expect(topicKey(question)).toBe(key);
  });
});

describe('topics a question may duplicate', () => {
  it.each([
    ['the same question without its question mark', 'how much ransom was paid', ['ransom'], true],
    ['the same, in capitals', 'HOW MUCH RANSOM WAS PAID?', ['ransom'], true],
    ['a typo', 'How much ransome was paid?', ['ransom'], false],
    ['a word added', 'How much ransom was really paid?', ['ransom'], false],
    ['a word dropped', 'How many prisoners released?', ['prisoners'], false],
    ['another question entirely', 'Who paid the mediator?', [], false],
    ['a question sharing words but not close', 'How much fuel did the convoy carry?', [], false],
    ['nothing', ' ?! ', [], false],
  ])('%s', (_, question, ids, same) => {
    const found = similarTopics(question, TOPICS);
    expect(found.map((f) => f.topic.id)).toEqual(ids);
    if (ids.length) expect(found[0]!.same).toBe(same);
  });
});
