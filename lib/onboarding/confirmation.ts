/** The word an admin types to confirm a disconnect: short and plain, unlike a 36-character tenant id. */
export const disconnectConfirmationWord = 'disconnect';
