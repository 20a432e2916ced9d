/** A feature page that a later issue builds; it says so plainly. */
export function Placeholder({ title, summary, issue }: { title: string; summary: string; issue: string }) {
  return (
    <div>
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      <p className="mt-2 max-w-2xl text-sm text-slate-600">{summary}</p>
      <div className="mt-8 rounded-xl border border-dashed border-slate-300 bg-white p-8">
        <p className="text-base font-medium text-slate-900">This page is not built yet.</p>
        <p className="mt-1 text-sm text-slate-600">It arrives with {issue}. Until then there is nothing to do here.</p>
      </div>
    </div>
  );
}
