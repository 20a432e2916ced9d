/**
 * A GUID in its 8-4-4-4-12 hex form, either case: Entra tenant and object ids, Partner Center
 * customer ids. Any version (Microsoft's ids are not all v4), unlike `z.uuid()`, which the
 * portal keeps for the UUIDs it makes itself. No zod here: the client error boundary imports
 * this file (through lib/customers/digest.ts); the schema is in `./schemas.ts`.
 */
export const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isGuid = (value: string): boolean => guidPattern.test(value);
