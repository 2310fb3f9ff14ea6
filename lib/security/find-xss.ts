/**
 * Finds what could run script in an HTML fragment, by parsing it with jsdom the way a browser
 * would place it (inside a `<div>` of a document body), not by pattern matching: elements that
 * run or load script or documents, event-handler attributes, style and srcdoc attributes, and
 * URL-bearing attributes whose address is not an absolute http(s) or mailto address.
 *
 * The fragment is also serialized and parsed again, and checked a second time: markup that
 * mutates into something dangerous on a second parse (mutation XSS) is caught as well.
 */
import { JSDOM } from 'jsdom';

const DANGEROUS_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'meta',
  'link',
  'style',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'svg',
  'math',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
  'img',
  'image',
  'picture',
  'video',
  'audio',
  'source',
  'track',
  'portal',
  'animate',
  'set',
  'use',
  'foreignobject',
  'handler',
  'isindex',
  'keygen',
  'area',
  'map',
  'title',
]);

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'poster',
  'background',
  'srcset',
  'ping',
  'codebase',
  'cite',
  'lowsrc',
  'dynsrc',
]);

const ALWAYS_DANGEROUS_ATTRIBUTES = new Set(['style', 'srcdoc', 'http-equiv']);

/** What a browser would do with the address: leading/trailing controls and spaces dropped. */
export function isSafeUrl(value: string): boolean {
  const cleaned = value.replace(/[\u0000-\u0020\u007f]+/g, '');
  return /^(?:https?:\/\/[^/]|mailto:)/i.test(cleaned);
}

function inspect(root: Element): string[] {
  const found: string[] = [];
  // The root itself too: a whole page's <html>; the app's own <div> carries no attributes.
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    const name = el.localName.toLowerCase();
    if (DANGEROUS_ELEMENTS.has(name)) found.push(`element <${name}>`);
    for (const attr of Array.from(el.attributes)) {
      const attrName = attr.name.toLowerCase();
      if (attrName.startsWith('on')) found.push(`handler ${attrName} on <${name}>`);
      else if (ALWAYS_DANGEROUS_ATTRIBUTES.has(attrName)) found.push(`attribute ${attrName} on <${name}>`);
      else if (URL_ATTRIBUTES.has(attrName) && !isSafeUrl(attr.value))
        found.push(`url ${attrName}="${attr.value}" on <${name}>`);
    }
  }
  return found;
}

let dom: JSDOM | undefined;

/**
 * Everything in `html` that could run script once placed in a page; empty when it is inert.
 * Checked three ways: inside a `<div>` (as the app inserts HTML), as a whole document (so `<body
 * onload>` or `<frameset>` count), and inside a `<div>` again after a serialize-and-parse round.
 */
export function findXss(html: string): string[] {
  dom ??= new JSDOM('<!doctype html><html><head></head><body></body></html>');
  const doc = dom.window.document;
  const first = doc.createElement('div');
  first.innerHTML = html;
  const second = doc.createElement('div');
  second.innerHTML = first.innerHTML;
  const whole = new dom.window.DOMParser().parseFromString(`<!doctype html>${html}`, 'text/html');
  return [
    ...new Set([
      ...inspect(first),
      ...inspect(whole.documentElement).map((f) => `as a whole page: ${f}`),
      ...inspect(second).map((f) => `after a second parse: ${f}`),
    ]),
  ];
}

/**
 * `findXss` for many independent outputs at once, as fast as one: each output is parsed inside
 * its own wrapper, in one document. When an output escaped its wrapper (markup that swallowed
 * what follows it) or anything is found, the outputs are checked one by one, so every finding
 * is exact. Returns the findings of each output, by index.
 */
export function findXssEach(outputs: readonly string[]): string[][] {
  dom ??= new JSDOM('<!doctype html><html><head></head><body></body></html>');
  const doc = dom.window.document;
  const joined = outputs.map((html, i) => `<div data-case="${i}">${html}</div>`).join('');
  const root = doc.createElement('div');
  root.innerHTML = joined;
  const again = doc.createElement('div');
  again.innerHTML = root.innerHTML;
  const whole = new dom.window.DOMParser().parseFromString(`<!doctype html>${joined}`, 'text/html');
  const intact = (r: Element) =>
    r.children.length === outputs.length &&
    Array.from(r.children).every(
      (c, i) => c.localName === 'div' && c.getAttribute('data-case') === String(i),
    );
  const quiet = (r: Element) => inspect(r).length === 0;
  if (
    intact(root) &&
    intact(again) &&
    intact(whole.body) &&
    quiet(root) &&
    quiet(again) &&
    quiet(whole.documentElement)
  ) {
    return outputs.map(() => []);
  }
  return outputs.map((html) => findXss(html));
}
