'use client';

import { CustomerErrorBoundary } from '@/components/customers/error-boundary';

export default CustomerErrorBoundary;
