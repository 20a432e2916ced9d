import { handleAuthRequest } from '@/lib/auth/sign-in-route';

/** next-auth's endpoints (sign-in start, Entra callback, session, csrf); see lib/auth/sign-in-route.ts. */
export { handleAuthRequest as GET, handleAuthRequest as POST };
