/**
 * A deterministic generator of long analyst-style documents (Markdown), for benchmarks. The
 * vocabulary is our own; a seeded PRNG makes every run produce the same text.
 */
const WORDS = (
  'the exchange prisoners ransom negotiators government release hostages reported according officials sources ' +
  'outlet minister region armed group talks weeks figure claimed denied confirmed payment intermediaries capital ' +
  'northern transition authorities statement analysts judged likely evidence account witness convoy airport ' +
  'delegation mediator agreement condition list names number counted estimates disputed contested quoted ' +
  'interview spokesperson communique diplomats coalition leadership command faction local national foreign ' +
  'state link agent security service briefing memo cable press report editorial essay blog post thread ' +
  'Bamako Kidal Gao Timbuktu Niamey Algiers Pétronin Keïta Cissé euros million thousand October September'
).split(' ');

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(rand: () => number): string {
  const n = 8 + Math.floor(rand() * 18);
  const words = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
  if (rand() < 0.15) words.splice(Math.floor(rand() * n), 0, String(Math.floor(rand() * 300)));
  const s = words.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

/** About `targetWords` words of Markdown: headings, paragraphs, now and then a list. */
export function generateMarkdown(targetWords: number, seed = 42): string {
  const rand = mulberry32(seed);
  const out: string[] = [];
  let words = 0;
  let section = 0;
  while (words < targetWords) {
    if (out.length % 30 === 0) {
      section++;
      out.push(`## Section ${section}: ${sentence(rand).slice(0, 40).replace(/\.$/, '')}`);
    }
    if (rand() < 0.08) {
      const items = Array.from({ length: 3 }, () => `- ${sentence(rand)}`);
      out.push(items.join('\n'));
      words += items.join(' ').split(/\s+/).length;
      continue;
    }
    const para = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => sentence(rand)).join(' ');
    words += para.split(/\s+/).length;
    out.push(para);
  }
  return `# Generated brief (${targetWords.toLocaleString('en')} words)\n\n${out.join('\n\n')}\n`;
}

/**
 * Random passages of `text` for claims: from a word's start to the end of a word 2–11 words on
 * (the claim-creation loads of bench/run.ts and bench/processes.ts).
 */
export function randomPassages(text: string, rand: () => number): () => { start: number; end: number } {
  const spaces: number[] = [];
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) spaces.push(i);
  return () => {
    const w = Math.floor(rand() * (spaces.length - 20));
    return { start: spaces[w]! + 1, end: spaces[w + 2 + Math.floor(rand() * 10)]! };
  };
}
