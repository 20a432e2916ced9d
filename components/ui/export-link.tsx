import { buttonClass } from './button';

/**
 * A list's CSV export, under one name on every list: "Export all (CSV)", or under a search or
 * filter "Export matches (CSV)". Either way the file holds every row the list matches, not
 * only the page on screen: the users export reads the customer's directory (past the list's
 * own bound), the audit export the whole filtered trail. "Export CSV" on one page and "Export
 * all (CSV)" on another named one action two ways, and neither said what the file held.
 * `detail` finishes the name for a screen reader (": every user of Contoso").
 * The field-height secondary button: it stands in a page heading above the list's form fields.
 * A plain `<a>` without `download`: an export refused before its file starts comes back to
 * the list with its reason (not a failed download), and the client router must not take it.
 */
export function ExportLink({
  href,
  filtered,
  detail,
}: {
  href: string;
  /** A search or filter narrows the list: the file holds its matches. */
  filtered: boolean;
  detail: string;
}) {
  return (
    <a
      href={href}
      className={buttonClass('secondary', 'whitespace-nowrap', 'control')}
      data-testid="export-csv"
    >
      {exportLinkLabel(filtered)}
      <span className="sr-only">: {detail}</span>
    </a>
  );
}

/** The export's visible name. */
export function exportLinkLabel(filtered: boolean): string {
  return filtered ? 'Export matches (CSV)' : 'Export all (CSV)';
}
