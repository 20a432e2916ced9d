/**
 * A tenant card's anchor on /health (its `id`): Partner Center's row links to the card that
 * states Partner Center's refusal of that tenant's token (dependencies-panel.tsx).
 */
export const tenantCardId = (tenantId: string) => `tenant-${tenantId}`;
