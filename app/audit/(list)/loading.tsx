import { AuditListSkeleton } from '@/components/audit/list-skeleton';

export default function AuditLoading() {
  return <AuditListSkeleton />;
}
