/**
 * The document schema: the Tiptap extensions a source text may use. Shared by the server import
 * pipeline (parsing and validation) and the reader, so both speak exactly one schema.
 */
import { getSchema, type AnyExtension } from '@tiptap/core';
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
];

export const documentSchema = getSchema(documentExtensions);
