'use client';

import { createContext, useContext, type ReactNode } from 'react';

/** The customer whose pages these are, as its layout read it from Partner Center. */
export interface CurrentCustomerLabel {
  id: string;
  /** As every customer page names it (lib/partner-center/labels.ts `customerName`). */
  name: string;
}

const CurrentCustomerContext = createContext<CurrentCustomerLabel | null>(null);

/**
 * Hands the customer its layout has read to what renders below it without its own params: a
 * not-found page receives none, and its breadcrumb would otherwise drop the customer.
 */
export function CurrentCustomer({
  customer,
  children,
}: {
  customer: CurrentCustomerLabel | null;
  children?: ReactNode;
}) {
  return <CurrentCustomerContext value={customer}>{children}</CurrentCustomerContext>;
}

/** The customer of the pages around, when its layout could read it. */
export function useCurrentCustomer(): CurrentCustomerLabel | null {
  return useContext(CurrentCustomerContext);
}
