'use client';

import { EditorContent, useEditor, type Editor, type JSONContent } from '@tiptap/react';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { documentExtensions } from '@/lib/documents/extensions';
import type { OutlineEntry } from '@/lib/documents/outline';

export interface DocumentReaderProps {
  documentId: string;
  revisionId: string;
  content: JSONContent;
  outline: OutlineEntry[];
  /** Whether the user may correct the text (edit mode). */
  canEdit: boolean;
  label: string;
  /** Told about the editor once it exists (the annotator paints highlights through it). */
  onEditor?: (editor: Editor | null) => void;
  /** Told when edit mode starts or ends (highlights are hidden while the text is edited). */
  onEditingChange?: (editing: boolean) => void;
  /** Rendered over the text column (selection menu, hover card). */
  overlay?: ReactNode;
}

/** The reader: the document in a read-only Tiptap editor, a table of contents, and edit mode. */
export function DocumentReader({
  documentId,
  revisionId,
  content,
  outline,
  canEdit,
  label,
  onEditor,
  onEditingChange,
  overlay,
}: DocumentReaderProps) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const editor = useEditor({
    extensions: documentExtensions,
    content,
    editable: false,
    immediatelyRender: false,
    editorProps: { attributes: { 'aria-label': label, role: 'document' } },
  });

  useEffect(() => {
    onEditor?.(editor);
    return () => onEditor?.(null);
  }, [editor, onEditor]);
  useEffect(() => {
    onEditingChange?.(editing);
  }, [editing, onEditingChange]);

  // A newer revision arrived (after a save or a refresh): show it, unless the user is editing.
  const shownRevision = useRef(revisionId);
  useEffect(() => {
    if (!editor || shownRevision.current === revisionId || editor.isEditable) return;
    shownRevision.current = revisionId;
    editor.commands.setContent(content, { emitUpdate: false });
  }, [editor, revisionId, content]);

  const scrollToHeading = (index: number) => {
    const heading = editor?.view.dom.querySelectorAll('h1, h2, h3, h4, h5, h6')[index];
    heading?.scrollIntoView({ block: 'start' });
  };

  const startEditing = () => {
    editor?.setEditable(true);
    editor?.commands.focus('start');
    setEditing(true);
    setMessage(undefined);
  };

  const cancel = () => {
    editor?.commands.setContent(content, { emitUpdate: false });
    editor?.setEditable(false);
    setEditing(false);
  };

  const save = async () => {
    if (!editor) return;
    setSaving(true);
    try {
      const res = await fetch(`/api/documents/${documentId}/revisions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ doc: editor.getJSON(), baseRevisionId: revisionId }),
      });
      const data = (await res.json().catch(() => ({}))) as {
        message?: string;
        revision?: { number: number };
      };
      if (!res.ok) {
        setMessage({ ok: false, text: data.message ?? 'The change could not be saved.' });
        return;
      }
      editor.setEditable(false);
      setEditing(false);
      setMessage({
        ok: true,
        text: `Saved as revision ${data.revision?.number}. The earlier text stays readable under Revisions.`,
      });
      router.refresh();
    } catch {
      setMessage({ ok: false, text: 'Could not reach the server. Your edit is still here; try again.' });
    } finally {
      setSaving(false);
    }
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
        {canEdit ? (
          <div className="mb-4 flex flex-wrap items-center gap-2" role="toolbar" aria-label="Text">
            {editing ? (
              <>
                <Button onClick={save} disabled={saving}>
                  {saving ? 'Saving…' : 'Save as new revision'}
                </Button>
                <Button variant="secondary" onClick={cancel} disabled={saving}>
                  Cancel
                </Button>
                <span className="text-sm text-slate-600">
                  Editing the text: saving keeps the current revision readable.
                </span>
              </>
            ) : (
              <Button variant="secondary" size="sm" onClick={startEditing} disabled={!editor}>
                Edit text
              </Button>
            )}
          </div>
        ) : null}
        {message ? (
          <div className="mb-4">
            <FormMessage ok={message.ok} message={message.text} />
          </div>
        ) : null}
        <div className="relative">
          <EditorContent editor={editor} className="reader-content" />
          {overlay}
        </div>
        {!editor ? <p className="text-slate-500">Opening the document…</p> : null}
      </div>
    </div>
  );
}
