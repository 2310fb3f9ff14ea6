import { TextField } from '@/components/ui/field';

export interface MetadataValues {
  title?: string;
  author?: string | null;
  outlet?: string | null;
  sourceUrl?: string | null;
  publishedOn?: string | null;
  language?: string | null;
  notes?: string | null;
}

/** The metadata fields of a document, shared by the import form and the details form. */
export function MetadataFields({
  values = {},
  errors = {},
}: {
  values?: MetadataValues;
  errors?: Record<string, string[]>;
}) {
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-sm font-medium text-slate-800">About the source</legend>
      <div className="sm:col-span-2">
        <TextField
          label="Title"
          name="title"
          required
          maxLength={300}
          defaultValue={values.title ?? ''}
          errors={errors.title}
        />
      </div>
      <TextField
        label="Author"
        name="author"
        maxLength={200}
        defaultValue={values.author ?? ''}
        errors={errors.author}
      />
      <TextField
        label="Outlet or publisher"
        name="outlet"
        maxLength={200}
        defaultValue={values.outlet ?? ''}
        errors={errors.outlet}
      />
      <TextField
        label="Original URL"
        name="sourceUrl"
        type="url"
        defaultValue={values.sourceUrl ?? ''}
        errors={errors.sourceUrl}
      />
      <TextField
        label="Publication date"
        name="publishedOn"
        type="date"
        defaultValue={values.publishedOn ?? ''}
        errors={errors.publishedOn}
      />
      <TextField
        label="Language"
        name="language"
        maxLength={35}
        placeholder="en, fr, pt-BR…"
        defaultValue={values.language ?? ''}
        errors={errors.language}
      />
      <div className="sm:col-span-2">
        <label htmlFor="document-notes" className="block text-sm font-medium text-slate-800">
          Notes
        </label>
        <textarea
          id="document-notes"
          name="notes"
          rows={3}
          maxLength={5000}
          defaultValue={values.notes ?? ''}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
        />
        {errors.notes ? <p className="text-sm text-red-700">{errors.notes.join(' ')}</p> : null}
      </div>
    </fieldset>
  );
}
