'use client';

import type { JSONContent } from '@tiptap/react';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useLayoutEffect, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { OutlineEntry } from '@/lib/documents/outline';
import { createTextView, type TextView } from '@/lib/documents/text-view';
import { envelopeError } from '@/lib/errors';

export interface DocumentReaderProps {
  documentId: string;
  revisionId: string;
  /**
   * Where the revision's text is, as static HTML drawn by the server (lib/reader-preload.ts
   * `readerTextPath`; the page preloads it), and its runs' canonical offsets.
   */
  textUrl: string;
  starts: number[];
  outline: OutlineEntry[];
  /** Whether the user may correct the text (edit mode). */
  canEdit: boolean;
  label: string;
  /** The id of what explains the marks in the text (close matches, competing claims), if any. */
  describedBy?: string;
  /** Told about the text once it is on screen (the annotator paints highlights through it). */
  onTextView?: (view: TextView | null) => void;
  /** Told when edit mode starts or ends (highlights are hidden while the text is edited). */
  onEditingChange?: (editing: boolean) => void;
  /** Rendered over the text column (selection menu, hover card). */
  overlay?: ReactNode;
}

const TEXT_CLASS = 'ProseMirror tiptap reader-static';

/** The editor (Tiptap and ProseMirror, the page's largest script) is loaded only for edit mode. */
const TextEditor = dynamic(() => import('./text-editor').then((m) => m.TextEditor), {
  ssr: false,
  loading: () => <p className="text-slate-500">Opening the editor…</p>,
});

/**
 * The reader: the revision as static HTML drawn by the server, fetched from an address the
 * browser keeps for good and laid out section by section as it comes into view (a 100k-word text
 * opens as fast as a plain page, and highlights are painted on it directly), a table of contents,
 * and edit mode, which loads the revision into a Tiptap editor only when asked.
 */
export function DocumentReader({
  documentId,
  revisionId,
  textUrl,
  starts,
  outline,
  canEdit,
  label,
  describedBy,
  onTextView,
  onEditingChange,
  overlay,
}: DocumentReaderProps) {
  const router = useRouter();
  const [editing, setEditing] = useState<JSONContent | null>(null);
  const [loading, setLoading] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const textRef = useRef<HTMLDivElement>(null);
  // The text as fetched: its address and HTML, or why it could not be had.
  const [text, setText] = useState<{ url: string; html?: string; error?: string } | null>(null);
  const html = text?.url === textUrl ? text.html : undefined;

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const res = await fetch(textUrl);
        if (res.ok) {
          const body = await res.text();
          if (live) setText({ url: textUrl, html: body });
          return;
        }
        const data = (await res.json().catch(() => ({}))) as unknown;
        if (live)
          setText({
            url: textUrl,
            error: envelopeError(data)?.message ?? 'The text could not be opened. Reload the page.',
          });
      } catch {
        if (live)
          setText({ url: textUrl, error: 'Could not reach the server to open the text. Reload the page.' });
      }
    })();
    return () => {
      live = false;
    };
  }, [textUrl]);

  // The offsets map is built as soon as the HTML is in the page (and again for a new revision).
  useLayoutEffect(() => {
    const root = textRef.current;
    if (!root || editing || html === undefined) return;
    const view = createTextView(root, starts);
    onTextView?.(view);
    performance.mark('warrant:reader-ready');
    return () => onTextView?.(null);
  }, [html, starts, editing, onTextView]);
  useEffect(() => {
    onEditingChange?.(editing !== null);
  }, [editing, onEditingChange]);

  const scrollToHeading = (index: number) => {
    const root = textRef.current ?? document.querySelector('.reader-content .ProseMirror');
    root?.querySelectorAll('h1, h2, h3, h4, h5, h6')[index]?.scrollIntoView({ block: 'start' });
  };

  const startEditing = async () => {
    setLoading(true);
    setMessage(undefined);
    try {
      const res = await fetch(`/api/documents/${documentId}`, { cache: 'no-store' });
      const data = (await res.json().catch(() => ({}))) as {
        revision?: { id: string; content: JSONContent };
      };
      if (!res.ok || !data.revision) {
        setMessage({
          ok: false,
          text: envelopeError(data)?.message ?? 'The text could not be opened for editing.',
        });
      } else if (data.revision.id !== revisionId) {
        setMessage({ ok: false, text: 'A newer revision was saved meanwhile. Reload the page to edit it.' });
      } else setEditing(data.revision.content);
    } catch {
      setMessage({ ok: false, text: 'Could not reach the server. Try again.' });
    } finally {
      setLoading(false);
    }
  };

  const onSaved = (number: number | undefined) => {
    setEditing(null);
    setMessage({
      ok: true,
      text: `Saved as revision ${number}. The earlier text stays readable under Revisions.`,
    });
    router.refresh();
  };

  return (
    <div className="flex gap-8">
      {outline.length > 1 ? (
        <nav
          aria-label="Table of contents"
          className="sticky top-4 hidden max-h-[80vh] w-56 shrink-0 self-start overflow-y-auto text-sm lg:block"
        >
          <p className="mb-2 font-medium text-slate-900">Contents</p>
          <ul className="space-y-1">
            {outline.map((h) => (
              <li key={h.index} style={{ paddingLeft: `${(h.level - 1) * 0.75}rem` }}>
                <button
                  type="button"
                  onClick={() => scrollToHeading(h.index)}
                  className="text-left text-slate-600 hover:text-indigo-700 hover:underline"
                >
                  {h.text}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div className="min-w-0 flex-1">
        {canEdit && !editing ? (
          <div className="mb-4 flex flex-wrap items-center gap-2" role="toolbar" aria-label="Text">
            <Button variant="secondary" size="sm" onClick={startEditing} disabled={loading}>
              {loading ? 'Opening…' : 'Edit text'}
            </Button>
          </div>
        ) : null}
        {message ? (
          <div className="mb-4">
            <FormMessage ok={message.ok} message={message.text} />
          </div>
        ) : null}
        {editing ? (
          <TextEditor
            documentId={documentId}
            revisionId={revisionId}
            content={editing}
            label={label}
            onCancel={() => setEditing(null)}
            onSaved={onSaved}
          />
        ) : (
          <div className="reader-content relative">
            {html === undefined ? (
              text?.url === textUrl && text.error ? (
                <FormMessage ok={false} message={text.error} />
              ) : (
                // Not a live region: the document itself says it is loading (aria-busy), and the
                // page's status messages (a revision saved) stay the only status on it.
                <p className="text-sm text-slate-600">Opening the text…</p>
              )
            ) : null}
            <div
              ref={textRef}
              role="document"
              aria-label={label}
              aria-describedby={describedBy}
              aria-busy={html === undefined}
              className={TEXT_CLASS}
              dangerouslySetInnerHTML={{ __html: html ?? '' }}
            />
            {overlay}
          </div>
        )}
      </div>
    </div>
  );
}
