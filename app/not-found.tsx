import Link from 'next/link';
import { Notice, primaryLinkClass } from '@/components/ui/notice';

export default function NotFound() {
  return (
    <Notice
      kicker="404 · Not found"
      title="There is no page here"
      actions={
        <Link href="/" className={primaryLinkClass}>
          Go to the start page
        </Link>
      }
    >
      <p>The address may be mistyped, or the page may have moved.</p>
    </Notice>
  );
}
