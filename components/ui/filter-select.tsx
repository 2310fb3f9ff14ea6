/** Classes of the controls in a filter form (selects, search boxes). */
export const FILTER_CONTROL = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

/** A labelled select of a GET filter form: "any" (empty) first, then the options. */
export function FilterSelect({
  name,
  label,
  any,
  options,
  value,
}: {
  name: string;
  label: string;
  any: string;
  options: { id: string; name: string }[];
  value: string | undefined;
}) {
  return (
    <label className="flex flex-col text-xs text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ''} className={FILTER_CONTROL}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
