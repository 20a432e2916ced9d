import { fieldControlClass, fieldLabelClass } from '@/components/forms/field-classes';
import { pageSizes } from '@/lib/customers/list-query';

interface SearchFormProps {
  /** Where the form GETs to (the list page itself). */
  action: string;
  q: string;
  size: number;
  /** Which field the prefix searches, and the choices (value -> label). */
  field?: string;
  fieldOptions?: Record<string, string>;
  /** Visible label of the text box, e.g. "Search customers". */
  label: string;
  /** Accessible name of the search landmark, e.g. "Find customers". */
  formLabel: string;
  placeholder: string;
  /** Fixed query values the search keeps, e.g. `{ view: 'deleted' }`. */
  hidden?: Record<string, string>;
}

/**
 * A plain GET form: searching and changing the page size work without client JavaScript,
 * and the result is a URL that can be shared. Submitting drops the cursor (new search = page 1).
 */
export function SearchForm({
  action,
  q,
  size,
  field,
  fieldOptions,
  label,
  formLabel,
  placeholder,
  hidden,
}: SearchFormProps) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={formLabel}
      className="flex flex-wrap items-end gap-3"
    >
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {field !== undefined && fieldOptions && (
        <div className="flex flex-col gap-1">
          <label htmlFor="search-field" className={fieldLabelClass}>
            Search by
          </label>
          <select id="search-field" name="field" defaultValue={field} className={fieldControlClass}>
            {Object.entries(fieldOptions).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="flex min-w-56 flex-1 flex-col gap-1">
        <label htmlFor="search-q" className={fieldLabelClass}>
          {label}
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder={placeholder}
          maxLength={100}
          autoComplete="off"
          className={fieldControlClass}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="search-size" className={fieldLabelClass}>
          Rows per page
        </label>
        <select
          id="search-size"
          name="size"
          defaultValue={String(size)}
          className={fieldControlClass}
        >
          {pageSizes.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="h-10 rounded-md bg-brand-600 px-4 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Search
      </button>
    </form>
  );
}
