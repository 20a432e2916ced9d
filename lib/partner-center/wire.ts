import { z } from 'zod';

/**
 * Partner Center's wire formats (docs/contracts.md §3), as far as the portal reads them.
 * Objects strip unknown fields and optional fields accept `null` as well as absence, so a
 * new field or a `null` where the docs show nothing never breaks a page.
 */

const optionalString = z.string().nullish();

export const linkSchema = z.object({
  uri: z.string().min(1),
  method: z.string().nullish(),
  headers: z.array(z.object({ key: z.string(), value: z.string() })).nullish(),
});
export type WireLink = z.infer<typeof linkSchema>;

export const addressSchema = z.object({
  country: optionalString,
  region: optionalString,
  city: optionalString,
  state: optionalString,
  addressLine1: optionalString,
  addressLine2: optionalString,
  addressLine3: optionalString,
  postalCode: optionalString,
  firstName: optionalString,
  lastName: optionalString,
  phoneNumber: optionalString,
});
export type WireAddress = z.infer<typeof addressSchema>;

/**
 * A customer. Only `id` is required: Microsoft's docs show examples, not schemas, and one
 * customer sent without a `companyProfile` (or with `null`) must not fail the page, the count
 * or the walk it arrives in (`toCustomerSummary` keeps it; screens name it by domain or id).
 */
export const customerSchema = z.object({
  id: z.string().min(1),
  commerceId: optionalString,
  companyProfile: z
    .object({
      tenantId: optionalString,
      domain: optionalString,
      companyName: optionalString,
      address: addressSchema.nullish(),
      email: optionalString,
    })
    .nullish(),
  billingProfile: z
    .object({
      id: optionalString,
      firstName: optionalString,
      lastName: optionalString,
      email: optionalString,
      culture: optionalString,
      language: optionalString,
      companyName: optionalString,
      defaultAddress: addressSchema.nullish(),
    })
    .nullish(),
  relationshipToPartner: optionalString,
  allowDelegatedAccess: z.boolean().nullish(),
  customDomains: z.array(z.string()).nullish(),
  associatedPartnerId: optionalString,
});
export type WireCustomer = z.infer<typeof customerSchema>;

/**
 * A customer's user. Only `id` is required: a user sent without a `userPrincipalName` would
 * otherwise fail a whole users walk or a half-streamed export (`toCustomerUser` names it by
 * its display name or id instead).
 */
export const customerUserSchema = z.object({
  id: z.string().min(1),
  userPrincipalName: optionalString,
  firstName: optionalString,
  lastName: optionalString,
  displayName: optionalString,
  userDomainType: optionalString,
  state: optionalString,
  usageLocation: optionalString,
  phoneNumber: optionalString,
  immutableId: optionalString,
  lastDirectorySyncTime: optionalString,
  softDeletionTime: optionalString,
});
export type WireCustomerUser = z.infer<typeof customerUserSchema>;

/**
 * A seek-paged collection (`/customers`, `/customers/{id}/users`). Its `totalCount` is not
 * read at all: it is the number of items in this page (Microsoft's SDK and examples), never a
 * total, so an odd value there (a string, a negative) has no reason to fail the page.
 * Built once per item schema, at module load: zod compiles an object schema's parser on its
 * first use, so a schema built per request compiled one per request (bench/profile.ts).
 */
function collectionSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    links: z.object({ self: linkSchema.nullish(), next: linkSchema.nullish() }).nullish(),
  });
}
export const customerCollectionSchema = collectionSchema(customerSchema);
export const customerUserCollectionSchema = collectionSchema(customerUserSchema);
/** What the portal reads of a collection: its items and the next page's link. */
export interface WireCollection<T> {
  items: T[];
  links?: { next?: WireLink | null } | null;
}

export const organizationProfileSchema = z.object({
  id: optionalString,
  tenantId: optionalString,
  companyName: optionalString,
  domain: optionalString,
  email: optionalString,
  culture: optionalString,
  language: optionalString,
});
export type WireOrganizationProfile = z.infer<typeof organizationProfileSchema>;

/**
 * `code` of an error body as a number: `"1002"` or `1002`. "Partner Center REST error codes"
 * types it a string ("Indicates the kind of error that occurred", no format promised) and the
 * .NET SDK reads it into a string (`ApiFault.ErrorCode`), so a code that is no number is `null`
 * here and never fails the body: the description next to it is still shown.
 */
const errorCode = z
  .union([z.number(), z.string(), z.null(), z.undefined()])
  .catch(null)
  .transform((code): number | null => {
    if (typeof code === 'number') return Number.isSafeInteger(code) ? code : null;
    const digits = code?.trim();
    return digits && /^\d{1,15}$/.test(digits) ? Number(digits) : null;
  });

/** `{"code":"1002","description":"...","data":[],"source":"PartnerFD"}`: `code` is documented as a string; a number is accepted too. */
export const partnerCenterErrorBodySchema = z.object({
  code: errorCode,
  description: z.string().nullish().catch(null),
});

/** The throttling body: `{"statusCode":429,"message":"Rate limit is exceeded. ..."}`. */
export const throttleBodySchema = z.object({
  statusCode: z.number().nullish(),
  message: optionalString,
});
