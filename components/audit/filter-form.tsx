import { FilterDisclosure } from '@/components/audit/filter-disclosure';
import { outcomeLabel } from '@/components/audit/format';
import { fieldControlClass, fieldLabelClass } from '@/components/forms/field-classes';
import { buttonClass, ButtonLink } from '@/components/ui/button';
import { auditActions, auditOutcomes, filterToQuery, type AuditFilter } from '@/lib/audit';
import { auditActionLabels } from '@/lib/audit/action-labels';
import { auditFilterGridClass } from './list-layout';

const inputClass = `${fieldControlClass} w-full`;
const labelClass = fieldLabelClass;

/** `datetime-local` wants `YYYY-MM-DDTHH:mm`; the page reads it back as UTC. */
const localValue = (d?: Date) => (d ? d.toISOString().slice(0, 16) : '');
const filterFields = ['action', 'outcome', 'actor', 'from', 'to'] as const;

/**
 * The audit filters. On a phone they fold behind a button, open when the address asks for a
 * filter, even one refused (its error is about these fields).
 */
export function AuditFilterForm({
  filter,
  raw,
}: {
  filter: AuditFilter;
  raw: Record<string, string | undefined>;
}) {
  return (
    <FilterDisclosure
      applied={Object.keys(filterToQuery(filter)).length}
      initiallyOpen={filterFields.some((field) => raw[field])}
    >
      <FilterFields filter={filter} raw={raw} />
    </FilterDisclosure>
  );
}

/**
 * A date field's label with the hint that its time is UTC: the browser draws the field in the
 * reader's own format ("mm/dd/yyyy, --:-- --") and says nothing of the zone, so a time typed in
 * local time looked right. On the label's line, one line high as the label alone: the fields'
 * boxes stay level across the grid's row, and with the loading skeleton's.
 */
function UtcLabel({ field, children }: { field: 'from' | 'to'; children: string }) {
  return (
    <div className="flex min-w-0 items-baseline gap-x-1.5">
      <label htmlFor={`audit-${field}`} className={`${labelClass} shrink-0`}>
        {children}
      </label>
      <span aria-hidden="true" className="text-xs text-slate-500">
        ·
      </span>
      <span id={`audit-${field}-hint`} className="truncate text-xs text-slate-500">
        not your local time
      </span>
    </div>
  );
}

/** A plain GET form: the filtered list is a shareable URL; submitting starts at the newest. */
function FilterFields({
  filter,
  raw,
}: {
  filter: AuditFilter;
  raw: Record<string, string | undefined>;
}) {
  return (
    <form
      method="get"
      action="/audit"
      role="search"
      aria-label="Filter audit events"
      className={auditFilterGridClass}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-action" className={labelClass}>
          Action
        </label>
        <select
          id="audit-action"
          name="action"
          defaultValue={filter.action ?? raw.action ?? ''}
          className={inputClass}
        >
          <option value="">All actions</option>
          {auditActions.map((a) => (
            <option key={a} value={a}>
              {auditActionLabels[a]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-outcome" className={labelClass}>
          Outcome
        </label>
        <select
          id="audit-outcome"
          name="outcome"
          defaultValue={filter.outcome ?? ''}
          className={inputClass}
        >
          <option value="">All outcomes</option>
          {auditOutcomes.map((o) => (
            <option key={o} value={o}>
              {outcomeLabel(o)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-actor" className={labelClass}>
          Actor (UPN or object ID)
        </label>
        <input
          id="audit-actor"
          name="actor"
          type="search"
          defaultValue={filter.actor ?? raw.actor ?? ''}
          maxLength={256}
          autoComplete="off"
          placeholder="e.g. admin@contoso.com"
          className={inputClass}
        />
      </div>
      <div className="flex flex-col gap-1">
        <UtcLabel field="from">From (UTC)</UtcLabel>
        <input
          id="audit-from"
          name="from"
          type="datetime-local"
          aria-describedby="audit-from-hint"
          defaultValue={localValue(filter.from)}
          className={inputClass}
        />
      </div>
      <div className="flex flex-col gap-1">
        <UtcLabel field="to">To (UTC)</UtcLabel>
        <input
          id="audit-to"
          name="to"
          type="datetime-local"
          aria-describedby="audit-to-hint"
          defaultValue={localValue(filter.to)}
          className={inputClass}
        />
      </div>
      {/* The portal's buttons, as tall as the fields: Clear on white as the export is (without
          it, it drew grey-filled on the page's background). */}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass('primary', '', 'control')}>
          Apply filters
        </button>
        <ButtonLink href="/audit" size="control">
          Clear
        </ButtonLink>
      </div>
    </form>
  );
}
