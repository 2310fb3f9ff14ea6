/**
 * The document schema: the Tiptap extensions a source text may use. Shared by the server import
 * pipeline (parsing and validation) and the reader, so both speak exactly one schema.
 */
import { getSchema, Mark, type AnyExtension } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';

export const ALLOWED_LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const;

/** Links may only point to http, https or mailto addresses (absolute). */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string' || href.length > 2048) return false;
  try {
    return (ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(new URL(href.trim()).protocol);
  } catch {
    return false;
  }
}

/** The highest page number a page mark may hold. */
export const MAX_PAGE_NUMBER = 100_000;

const isPageNumber = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_PAGE_NUMBER;

/**
 * The page of the source a run of text stands on (a PDF import sets it on every text node: see
 * ./pdf.ts and ./pages.ts). Like every mark, it leaves the canonical text alone; it is drawn as
 * a bare `<span data-page>` and survives editing in the reader (typed text inherits it).
 */
export const PageMark = Mark.create({
  name: 'page',
  inclusive: true,
  addAttributes() {
    return {
      n: {
        default: 1,
        validate: (value: unknown) => {
          if (!isPageNumber(value)) throw new Error('A page number must be a whole number from 1.');
        },
        parseHTML: (element: HTMLElement) => Number(element.getAttribute('data-page')),
        renderHTML: (attrs: Record<string, unknown>) => ({ 'data-page': String(attrs.n) }),
      },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'span[data-page]',
        getAttrs: (element: HTMLElement) =>
          isPageNumber(Number(element.getAttribute('data-page'))) ? null : false,
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return ['span', HTMLAttributes, 0];
  },
});

export const documentExtensions: AnyExtension[] = [
  StarterKit.configure({
    link: {
      openOnClick: false,
      autolink: false,
      linkOnPaste: false,
      isAllowedUri: (url) => isSafeHref(url),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
    },
    trailingNode: false,
  }),
  Table.configure({ resizable: false }),
  TableRow,
  TableHeader,
  TableCell,
  PageMark,
];

export const documentSchema = getSchema(documentExtensions);
