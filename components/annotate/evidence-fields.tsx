import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { CREDIBILITY, CREDIBILITY_CODES, STANCES } from '@/lib/scales';

export interface EvidenceInitial {
  stance?: string;
  credibility?: number;
  quote?: string | null;
  locator?: string | null;
  note?: string | null;
  accessedOn?: string | null;
}

/** The fields of a piece of evidence, shared by the add and edit forms. */
export function EvidenceFieldInputs({
  initial = {},
  errorFor,
}: {
  initial?: EvidenceInitial;
  errorFor: (field: string) => string[] | undefined;
}) {
  return (
    <>
      <div className="grid grid-cols-2 gap-2">
        <SelectField
          label="Stance"
          name="stance"
          defaultValue={initial.stance ?? 'supports'}
          options={STANCES.map((s) => ({ value: s, label: s }))}
          errors={errorFor('stance')}
        />
        <SelectField
          label="Credibility"
          name="credibility"
          defaultValue={String(initial.credibility ?? 6)}
          options={CREDIBILITY_CODES.map((c) => ({ value: String(c), label: `${c} — ${CREDIBILITY[c]}` }))}
          errors={errorFor('credibility')}
        />
      </div>
      <TextAreaField
        label="Quote or excerpt"
        name="quote"
        rows={2}
        defaultValue={initial.quote ?? ''}
        errors={errorFor('quote')}
      />
      <div className="grid grid-cols-2 gap-2">
        <TextField
          label="Locator"
          name="locator"
          placeholder="p. 4, §2, 03:12…"
          defaultValue={initial.locator ?? ''}
          errors={errorFor('locator')}
        />
        <TextField
          label="Accessed on"
          name="accessedOn"
          type="date"
          defaultValue={initial.accessedOn ?? ''}
          errors={errorFor('accessedOn')}
        />
      </div>
      <TextAreaField
        label="Note"
        name="note"
        rows={2}
        defaultValue={initial.note ?? ''}
        errors={errorFor('note')}
      />
    </>
  );
}

/** The API body for the evidence fields of a submitted form. */
export function evidenceFieldsFrom(form: FormData) {
  const get = (k: string) => String(form.get(k) ?? '') || undefined;
  return {
    stance: get('stance'),
    credibility: Number(get('credibility')),
    quote: get('quote'),
    locator: get('locator'),
    note: get('note'),
    accessedOn: get('accessedOn'),
  };
}
