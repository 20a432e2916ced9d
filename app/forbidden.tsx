import Link from 'next/link';
import { Notice, primaryLinkClass } from '@/components/ui/notice';

/** Rendered with status 403 when `requireRole` finds the user lacks the role. */
export default function Forbidden() {
  return (
    <Notice
      kicker="403 · Forbidden"
      tone="danger"
      title="Your role does not include this page"
      actions={
        <Link href="/" className={primaryLinkClass}>
          Go to the start page
        </Link>
      }
    >
      <p>
        You are signed in, but this page belongs to a role you do not have. The start page lists
        everything your roles allow.
      </p>
      <p>
        If you need it for your work, ask an administrator of your partner tenant to assign you the
        role.
      </p>
    </Notice>
  );
}
