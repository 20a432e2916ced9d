import Link from 'next/link';
import { Notice } from '@/components/ui/notice';

/** An event id that does not exist, or lies outside the reader's partner tenant. */
export default function AuditEventNotFound() {
  return (
    <Notice
      kicker="404"
      title="No such audit event"
      tone="warning"
      actions={
        <Link href="/audit" className="text-sm font-medium text-brand-700 hover:underline">
          Back to the audit trail
        </Link>
      }
    >
      <p>There is no event with this id that you may see.</p>
    </Notice>
  );
}
