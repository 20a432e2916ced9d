import { Breakable } from '@/components/ui/breakable';

/** "Signed in as …" on a refusal page; nothing when the account is not known (or the link was altered). */
export function RefusedAccount({ account }: { account: string | null }) {
  if (!account) return null;
  return (
    <p data-testid="refused-account">
      You signed in as{' '}
      <span className="font-medium wrap-anywhere text-slate-900">
        <Breakable text={account} />
      </span>
      .
    </p>
  );
}
