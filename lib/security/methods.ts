/**
 * The methods each route handler answers. Next answers other methods with an empty 405;
 * proxy.ts answers them first with a JSON message and `Allow`, so a client learns what to use.
 * Keep in step with the `export function GET/POST` of app/**\/route.ts (e2e/bad-input.spec.ts
 * checks every listed method is served and every other one refused).
 */
const routeMethods: { pattern: RegExp; methods: readonly string[] }[] = [
  { pattern: /^\/api\/health(\/live|\/ready)?$/, methods: ['GET'] },
  { pattern: /^\/api\/customers$/, methods: ['GET'] },
  { pattern: /^\/api\/customers\/[^/]+\/users\/export$/, methods: ['GET'] },
  { pattern: /^\/api\/consent\/start$/, methods: ['GET'] },
  { pattern: /^\/api\/consent\/(callback|disconnect)$/, methods: ['POST'] },
  { pattern: /^\/api\/tokens\/keep-alive$/, methods: ['POST'] },
  { pattern: /^\/api\/alerts\/evaluate$/, methods: ['POST'] },
  { pattern: /^\/api\/audit\/export$/, methods: ['GET'] },
  { pattern: /^\/api\/auth\/.+$/, methods: ['GET', 'POST'] },
  { pattern: /^\/auth\/sign-out$/, methods: ['POST'] },
];

/** The methods a route handler path allows (HEAD with GET, OPTIONS always), or null for pages and unknown paths. */
export function allowedMethods(pathname: string): string[] | null {
  const route = routeMethods.find((r) => r.pattern.test(pathname));
  if (!route) return null;
  return [...route.methods, ...(route.methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
}
