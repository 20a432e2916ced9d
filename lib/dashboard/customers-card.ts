import type { NextStep } from './attention';

/**
 * Whether the home page's customers card links to the customer list. Not while Partner Center
 * is not connected (or needs re-consent): the list could only say so, a dead end beside the
 * card's "Customers show once Partner Center is connected". Nor when the connection card's next
 * step already is that link ("Browse customers"): two ways to the same list read as two places.
 */
export function customersCardLinks(connected: boolean, step: NextStep): boolean {
  return connected && step.href !== '/customers';
}
