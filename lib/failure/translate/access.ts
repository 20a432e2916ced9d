import { PortalFailure } from '../failure';
import { accessCodes, accessEntries, type AccessRefusal } from '../catalogue/access';

/** A refusal of who is asking (see catalogue/access.ts) as a failure to answer with. */
export function accessFailure(refusal: AccessRefusal): PortalFailure {
  return new PortalFailure({ code: accessCodes[refusal], ...accessEntries[refusal] });
}
