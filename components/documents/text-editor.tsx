'use client';

import { EditorContent, useEditor, type JSONContent } from '@tiptap/react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { documentExtensions } from '@/lib/documents/extensions';
import { envelopeError } from '@/lib/errors';

/** Edit mode: the revision in a Tiptap editor; saving makes a new revision. */
export function TextEditor({
  documentId,
  revisionId,
  content,
  label,
  onCancel,
  onSaved,
}: {
  documentId: string;
  revisionId: string;
  content: JSONContent;
  label: string;
  onCancel: () => void;
  onSaved: (revisionNumber: number | undefined) => void;
}) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const editor = useEditor({
    extensions: documentExtensions,
    content,
    editable: true,
    immediatelyRender: false,
    autofocus: 'start',
    editorProps: { attributes: { 'aria-label': label, role: 'document' } },
  });

  const save = async () => {
    if (!editor) return;
    setSaving(true);
    setError(undefined);
    try {
      const res = await fetch(`/api/documents/${documentId}/revisions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ doc: editor.getJSON(), baseRevisionId: revisionId }),
      });
      const data = (await res.json().catch(() => ({}))) as {
        revision?: { number: number };
      };
      if (!res.ok) setError(envelopeError(data)?.message ?? 'The change could not be saved.');
      else onSaved(data.revision?.number);
    } catch {
      setError('Could not reach the server. Your edit is still here; try again.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Text">
        <Button onClick={save} disabled={saving || !editor}>
          {saving ? 'Saving…' : 'Save as new revision'}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
        <span className="text-sm text-slate-600">
          Editing the text: saving keeps the current revision readable.
        </span>
      </div>
      {error ? <FormMessage message={error} /> : null}
      <EditorContent editor={editor} className="reader-content" />
      {!editor ? <p className="text-slate-500">Opening the editor…</p> : null}
    </div>
  );
}
