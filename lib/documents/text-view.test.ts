// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { canonicalize, type PmJson } from './canonical-text';
import { renderDocumentHtml } from './render-html';
import { createTextView } from './text-view';

const p = (...content: PmJson[]): PmJson => ({ type: 'paragraph', content });
const t = (text: string, marks?: PmJson['marks']): PmJson => ({
  type: 'text',
  text,
  ...(marks ? { marks } : {}),
});

const DOC: PmJson = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [t('The October exchange')] },
    p(t('Most counts say '), t('206', [{ type: 'bold' }]), t(' prisoners were released.')),
    p(t('A ransom of '), t('€10M', [{ type: 'italic' }]), t(' is reported by one outlet.')),
  ],
};

function mount() {
  const { text } = canonicalize(DOC);
  const { html, starts } = renderDocumentHtml(DOC);
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.replaceChildren(root);
  const view = createTextView(root, starts)!;
  return { text, root, view };
}

describe('createTextView', () => {
  it.each([
    ['206 prisoners'],
    ['Most counts say 206'],
    ['€10M'],
    ['The October exchange'],
    ['released.\n\nA ransom'],
  ])('a passage over runs and blocks reads back as the same text: %j', (quote) => {
    const { text, view } = mount();
    const start = text.indexOf(quote);
    const range = view.rangeOf(start, start + quote.length)!;
    // Range.toString() skips block separators; the passage's characters are all there, in order.
    expect(range.toString()).toBe(quote.replace('\n\n', ''));
    expect(view.offsetOf(range.startContainer, range.startOffset, 'start')).toBe(start);
    expect(view.offsetOf(range.endContainer, range.endOffset, 'end')).toBe(start + quote.length);
  });

  it('snaps offsets inside a block separator to the neighbouring runs', () => {
    const { text, view } = mount();
    const gap = text.indexOf('\n\n');
    const range = view.rangeOf(gap, gap + 2);
    expect(range).toBeNull();
    const spanning = view.rangeOf(gap - 3, gap + 1)!;
    expect(spanning.toString()).toBe('nge');
  });

  it('maps element boundaries to the next run (start) or the previous run (end)', () => {
    const { text, root, view } = mount();
    const second = root.children[1]!;
    expect(view.offsetOf(second, 0, 'start')).toBe(text.indexOf('Most counts'));
    expect(view.offsetOf(root, 1, 'end')).toBe('The October exchange'.length);
    expect(view.offsetOf(root, root.childNodes.length, 'start')).toBeNull();
    expect(view.offsetOf(root, root.childNodes.length, 'end')).toBe(text.length);
  });

  it('ignores points outside the reader', () => {
    const { view } = mount();
    const outside = document.createElement('p');
    outside.textContent = 'elsewhere';
    document.body.appendChild(outside);
    expect(view.offsetOf(outside.firstChild!, 2, 'start')).toBeNull();
  });

  it('refuses a DOM that does not match the offsets', () => {
    const root = document.createElement('div');
    root.innerHTML = '<p>one</p><p>two</p>';
    expect(createTextView(root, [0])).toBeNull();
  });
});

describe('createTextView over a text drawn in sections', () => {
  // Long enough for several sections (SECTION_CHARS each): a report of our own, paragraph by paragraph.
  const SENTENCE =
    'The regional radio account puts the release at 206 prisoners, a figure no ministry statement repeats. ';
  const LONG: PmJson = {
    type: 'doc',
    content: Array.from({ length: 60 }, (_, n) =>
      n % 10 === 0
        ? { type: 'heading', attrs: { level: 2 }, content: [t(`Account ${n / 10 + 1}`)] }
        : p(t(SENTENCE.repeat(2 + (n % 3))), t(`note ${n}`, [{ type: 'bold' }])),
    ),
  };

  function mountSections() {
    const { text } = canonicalize(LONG);
    const { html, starts } = renderDocumentHtml(LONG, { sections: true });
    const root = document.createElement('div');
    root.innerHTML = html;
    document.body.replaceChildren(root);
    return { text, root, view: createTextView(root, starts)! };
  }

  it('lists the sections in order, each with the stretch of text it holds', () => {
    const { text, root, view } = mountSections();
    const sections = view.sections();
    expect(sections.length).toBe(root.querySelectorAll('.reader-section').length);
    expect(sections.length).toBeGreaterThan(2);
    expect(sections[0]!.start).toBe(0);
    expect(sections[sections.length - 1]!.end).toBe(text.length);
    sections.forEach((s, i) => {
      expect(s.element.classList.contains('reader-section')).toBe(true);
      if (i > 0) expect(s.start).toBeGreaterThan(sections[i - 1]!.end);
      // Its stretch reads as its text, block separators aside.
      expect(text.slice(s.start, s.end).replace(/\n/g, '')).toBe(s.element.textContent);
    });
  });

  it('maps a passage that crosses from one section into the next', () => {
    const { text, view } = mountSections();
    const [first, second] = view.sections();
    const start = first!.end - 12;
    const end = second!.start + 20;
    const range = view.rangeOf(start, end)!;
    expect(range.toString()).toBe(text.slice(start, end).replace(/\n/g, ''));
    expect(view.offsetOf(range.startContainer, range.startOffset, 'start')).toBe(start);
    expect(view.offsetOf(range.endContainer, range.endOffset, 'end')).toBe(end);
  });

  it('has no sections when the text is drawn without them', () => {
    expect(mount().view.sections()).toEqual([]);
  });
});
