/**
 * The look of a form field's label and its control (input or select), one for every form of
 * the portal (the customer search, the audit filters, the alert targets). Each form adds its
 * own layout (`w-full`, a margin). A fixed height, not padding: with `py-2` a select drew 35 px
 * beside a 37 px input; at `h-10` both draw 40 px, level with the forms' `h-10` buttons.
 */
export const fieldLabelClass = 'text-xs font-medium text-slate-600';

export const fieldControlClass =
  'h-10 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-xs focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100';
