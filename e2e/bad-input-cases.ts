/**
 * The generated hostile requests of e2e/bad-input.spec.ts. Each case says what a correct
 * portal does with it: `refused` (a 4xx with a message) or `handled` (the input is ignored or
 * turned into the normal flow: a 2xx page, or a 3xx to one of the portal's own pages).
 */
export type Credential = 'none' | 'admin' | 'forged';
export interface BadRequest {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  credential: Credential;
  expect: 'refused' | 'handled';
  /** What the page must say, whatever its status. */
  mustShow?: RegExp;
  /** A redirect must go exactly here (a path on the portal). */
  redirectsTo?: string;
}

export interface CaseInputs {
  /** A real customer id of the connected tenant. */
  customerId: string;
  /** Forged session cookies (random, JWE-shaped, encrypted with another secret, alg none...). */
  forgedSessions: string[];
  /** Forged bearer tokens for the monitor/scheduler endpoints. */
  forgedBearers: string[];
  /** Forged consent cookie values. */
  forgedConsentCookies: string[];
  portalOrigin: string;
}

const allMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const routes: { path: string; methods: string[]; auth: boolean }[] = [
  { path: '/api/health/live', methods: ['GET'], auth: false },
  { path: '/api/health/ready', methods: ['GET'], auth: false },
  { path: '/api/health', methods: ['GET'], auth: true },
  { path: '/api/customers', methods: ['GET'], auth: true },
  { path: '/api/customers/CUSTOMER/users/export', methods: ['GET'], auth: true },
  { path: '/api/consent/start', methods: ['GET'], auth: true },
  { path: '/api/consent/callback', methods: ['POST'], auth: false },
  { path: '/api/consent/disconnect', methods: ['POST'], auth: true },
  { path: '/api/tokens/keep-alive', methods: ['POST'], auth: true },
  { path: '/api/alerts/evaluate', methods: ['POST'], auth: true },
  { path: '/api/audit/export', methods: ['GET'], auth: true },
  { path: '/auth/sign-out', methods: ['POST'], auth: false },
];

/** Path tricks for an id segment (already percent-encoded as they go on the wire). */
const hostileIds = [
  '..%2f..%2fv1%2fcustomers',
  '..%252f..%252f',
  '%2e%2e',
  '%00',
  'abc%00def',
  '%0d%0aSet-Cookie:%20pwn=1',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  "'%20OR%201=1--",
  '%E2%80%AE',
  '%ff%fe',
  'x'.repeat(300),
  'x'.repeat(1500),
  '00000000-0000-4000-8000-0000000000aa',
  '%2F',
  '.',
  '~',
  'CON',
  '%25',
  '%u002e',
];

/** Every case, from the inputs of this run. */
export function generateCases(inputs: CaseInputs): BadRequest[] {
  const cases: BadRequest[] = [];
  const add = (
    c: Omit<BadRequest, 'credential' | 'expect'> &
      Partial<Pick<BadRequest, 'credential' | 'expect'>>,
  ) =>
    cases.push({
      credential: 'none',
      expect: 'refused',
      ...c,
      path: c.path.replace('CUSTOMER', inputs.customerId),
    });

  // Wrong methods on every route handler (signed in as Admin, so only the method is wrong).
  for (const route of routes) {
    for (const method of allMethods.filter((m) => !route.methods.includes(m)))
      add({ name: `${method} ${route.path}`, method, path: route.path, credential: 'admin' });
  }
  // No credentials and forged credentials on every authenticated route.
  for (const route of routes.filter((r) => r.auth)) {
    const method = route.methods[0] ?? 'GET';
    add({ name: `${method} ${route.path} signed out`, method, path: route.path });
    inputs.forgedSessions.forEach((cookie, i) =>
      add({
        name: `${method} ${route.path} forged session #${i}`,
        method,
        path: route.path,
        headers: { cookie: `next-auth.session-token=${cookie}` },
      }),
    );
    add({
      name: `${method} ${route.path} __Secure- cookie over http`,
      method,
      path: route.path,
      headers: { cookie: `__Secure-next-auth.session-token=${inputs.forgedSessions[0]}` },
    });
    add({
      name: `${method} ${route.path} chunked cookie`,
      method,
      path: route.path,
      headers: {
        cookie: `next-auth.session-token.0=${inputs.forgedSessions[1]}; next-auth.session-token.1=AAAA`,
      },
    });
  }
  for (const path of ['/api/health', '/api/tokens/keep-alive']) {
    const method = path === '/api/health' ? 'GET' : 'POST';
    inputs.forgedBearers.forEach((token, i) =>
      add({
        name: `${method} ${path} forged bearer #${i}`,
        method,
        path,
        headers: { authorization: token },
      }),
    );
  }
  // State-changing routes from another site, signed in as Admin (the exports write an audit
  // event and hold one of the person's export slots).
  for (const [method, path] of [
    ['POST', '/api/consent/disconnect'],
    ['POST', '/api/tokens/keep-alive'],
    ['GET', '/api/consent/start'],
    ['POST', '/auth/sign-out'],
    ['GET', '/api/audit/export'],
    ['GET', `/api/customers/${inputs.customerId}/users/export`],
  ] as const) {
    const crossSiteHeaders: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'https://sub.evil.example' },
      { origin: 'null' },
    ];
    for (const headers of crossSiteHeaders) {
      add({
        name: `${method} ${path} cross-site ${JSON.stringify(headers)}`,
        method,
        path,
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: method === 'POST' ? 'confirmTenantId=x' : undefined,
        credential: 'admin',
      });
    }
  }
  // Path tricks in the customer id.
  for (const id of hostileIds) {
    add({
      name: `export id ${id.slice(0, 40)}`,
      method: 'GET',
      path: `/api/customers/${id}/users/export`,
      credential: 'admin',
    });
    // An unknown id is a 404 with the not-found page (the existence check runs before the page
    // streams); an undecodable one is a 400; `.` and `%2e%2e` are dot segments the URL itself resolves.
    const dotSegment = id === '.' || id === '%2e%2e';
    add({
      name: `page id ${id.slice(0, 40)}`,
      method: 'GET',
      path: `/customers/${id}`,
      credential: 'admin',
      headers: { accept: 'text/html' },
      expect: dotSegment ? 'handled' : 'refused',
      mustShow: dotSegment ? undefined : /No such customer|Invalid address/,
    });
  }
  add({
    name: 'export id over the path limit',
    method: 'GET',
    path: `/api/customers/${'y'.repeat(2100)}/users/export`,
    credential: 'admin',
  });
  // Query strings: hostile values are ignored (defaults), oversized ones refused.
  const queries = [
    'size=-1',
    'size=1e9',
    'size=abc',
    'size=40&size=80',
    'field=__proto__',
    'field[]=name',
    'q=%3Cscript%3E',
    'q=%00',
    `q=${'a'.repeat(1900)}`,
    'cursor=forged',
    'cursor=..%2f..%2f',
    'cursor=%00%00',
    `cursor=${'A'.repeat(1500)}`,
    'cursor=eyJhbGciOiJub25lIn0.eyJwYWdlIjo5OTl9.',
    '__proto__[x]=1',
    'constructor[prototype][x]=1',
    'q=%0d%0aSet-Cookie:%20pwn=1',
  ];
  for (const query of queries)
    add({
      name: `customers ?${query.slice(0, 40)}`,
      method: 'GET',
      path: `/api/customers?${query}`,
      credential: 'admin',
      expect: 'handled',
    });
  const auditQueries = [
    'action=drop%20table',
    'outcome=__proto__',
    'from=yesterday',
    'from=2026-13-45',
    'from=2026-11-30&to=2026-11-01',
    `actor=${'a'.repeat(300)}`,
    'cursor=forged',
    'cursor=MjAyNi0xMS0zMFQwMDowMDowMC4wMDBafDEgb3IgMT0x',
    "actor=x'%20or%201=1--",
    'action[]=x',
  ];
  for (const query of auditQueries) {
    add({
      name: `audit export ?${query.slice(0, 40)}`,
      method: 'GET',
      path: `/api/audit/export?${query}`,
      credential: 'admin',
      expect: 'handled',
    });
    add({
      name: `audit page ?${query.slice(0, 40)}`,
      method: 'GET',
      path: `/audit?${query}`,
      credential: 'admin',
      headers: { accept: 'text/html' },
      expect: 'handled',
    });
  }
  add({
    name: 'customers query over the limit',
    method: 'GET',
    path: `/api/customers?q=${'a'.repeat(9000)}`,
    credential: 'admin',
  });
  add({
    name: 'page query over the limit',
    method: 'GET',
    path: `/customers?q=${'a'.repeat(9000)}`,
    credential: 'admin',
    headers: { accept: 'text/html' },
  });
  add({
    name: 'health query over the limit',
    method: 'GET',
    path: `/api/health/live?${'x=1&'.repeat(2100)}`,
  });

  // Consent callback: broken forms, forged state and cookies, oversized bodies. The designed
  // answer to a failed consent is a 303 to the wizard with an opaque failure id.
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const callbackBodies = [
    '',
    '%%%',
    '=&=&=',
    'code=',
    'code=x&state=',
    'state=forged&code=forged',
    `code=${'c'.repeat(4000)}&state=s`,
    'error=access_denied&error_description=%3Cscript%3Ealert(1)%3C/script%3E',
    'error=%0d%0aSet-Cookie:%20pwn=1',
    'code=a&code=b&state=a&state=b',
    'id_token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.&state=x',
    '\u0000\u0001\u0002',
    '{"code":"x","state":"y"}',
  ];
  callbackBodies.forEach((body, i) =>
    add({
      name: `callback body #${i}`,
      method: 'POST',
      path: '/api/consent/callback',
      headers: form,
      body,
      expect: 'handled',
    }),
  );
  add({
    name: 'callback JSON body',
    method: 'POST',
    path: '/api/consent/callback',
    headers: { 'content-type': 'application/json' },
    body: '{"code":',
    expect: 'handled',
  });
  add({
    name: 'callback multipart garbage',
    method: 'POST',
    path: '/api/consent/callback',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    body: '--x\r\nbroken',
    expect: 'handled',
  });
  inputs.forgedConsentCookies.forEach((cookie, i) =>
    add({
      name: `callback forged consent cookie #${i}`,
      method: 'POST',
      path: '/api/consent/callback',
      headers: { ...form, cookie: `pp-consent=${cookie}` },
      body: 'code=forged&state=forged',
      expect: 'handled',
    }),
  );
  add({
    name: 'callback body over the limit',
    method: 'POST',
    path: '/api/consent/callback',
    headers: form,
    body: `code=${'x'.repeat(70_000)}`,
  });

  // Disconnect, from the portal's own page, as Admin, with wrong confirmations: must not delete.
  const sameOrigin = { ...form, origin: inputs.portalOrigin, 'sec-fetch-site': 'same-origin' };
  const disconnectBodies = [
    '',
    'confirmTenantId=',
    'confirmTenantId=wrong',
    'confirmTenantId=..%2f..%2f',
    'confirmTenantId=%00',
    `confirmTenantId=${'z'.repeat(5000)}`,
    'confirmTenantId=00000000-0000-0000-0000-000000000000',
    'confirmTenantId=*',
    'tenantId=%2A&confirm=yes',
    'confirm=',
    'confirm=disconnec',
    'confirm=disconnect%00',
    `confirm=${'disconnect'.repeat(10)}`,
    '%%%',
    '{"confirmTenantId":"x"}',
    'confirmTenantId=%0d%0aSet-Cookie:%20pwn=1',
  ];
  disconnectBodies.forEach((body, i) =>
    add({
      name: `disconnect body #${i}`,
      method: 'POST',
      path: '/api/consent/disconnect',
      headers: sameOrigin,
      body,
      credential: 'admin',
      expect: 'handled',
    }),
  );
  add({
    name: 'disconnect body over the limit',
    method: 'POST',
    path: '/api/consent/disconnect',
    headers: sameOrigin,
    body: `confirmTenantId=${'x'.repeat(70_000)}`,
    credential: 'admin',
  });

  // next-auth: forged callbacks, unknown providers, hostile callback URLs.
  const authCases: [string, string, BadRequest['expect']][] = [
    ['GET', '/api/auth/callback/azure-ad?code=forged&state=forged', 'handled'],
    [
      'GET',
      '/api/auth/callback/azure-ad?error=access_denied&error_description=%3Cscript%3E',
      'handled',
    ],
    ['GET', '/api/auth/callback/azure-ad', 'handled'],
    ['GET', '/api/auth/callback/evil', 'handled'],
    ['POST', '/api/auth/signin/evil', 'handled'],
    ['POST', '/api/auth/signin/azure-ad', 'handled'],
    ['GET', '/api/auth/signin/azure-ad?callbackUrl=https%3A%2F%2Fevil.example', 'handled'],
    ['GET', '/api/auth/..%2f..%2fhealth', 'handled'],
    ['GET', '/api/auth/%00', 'handled'],
    ['POST', '/api/auth/signout', 'handled'],
    ['GET', '/api/auth/session', 'handled'],
  ];
  for (const [method, path, expected] of authCases)
    add({
      name: `next-auth ${method} ${path}`,
      method,
      path,
      headers: { ...form, cookie: `next-auth.session-token=${inputs.forgedSessions[0]}` },
      body:
        method === 'POST' ? 'csrfToken=forged&callbackUrl=https%3A%2F%2Fevil.example' : undefined,
      expect: expected,
    });

  // Return addresses that try to leave the portal, and inputs next-auth used to answer with a
  // 500: signed in, the sign-in page sends people to the start page instead.
  const hostileReturns = [
    '%2F%09%2Fevil.example%2Fx',
    '%2F%0d%0aSet-Cookie:%20pwn=1',
    '%2Fx%00',
    '%2Fx%E2%80%A8',
    '%2F%5Cevil.example',
    '%2F%252F%2Fevil.example',
    'http%3A%2F%2Flocalhost%3A3000.evil.com%2F',
    'http%3A%2F%2Fa%3Ab',
    '%2F%2Fevil.example',
    'javascript%3Aalert(1)',
  ];
  for (const target of hostileReturns) {
    add({
      name: `sign-in page callbackUrl=${target}`,
      method: 'GET',
      path: `/auth/sign-in?callbackUrl=${target}`,
      credential: 'admin',
      headers: { accept: 'text/html' },
      expect: 'handled',
      redirectsTo: '/',
    });
  }
  for (const path of [
    '/api/auth/csrf',
    '/api/auth/session',
    '/api/auth/providers',
    '/api/auth/signin',
  ]) {
    add({
      name: `next-auth ${path} with an invalid callbackUrl`,
      method: 'GET',
      path: `${path}?callbackUrl=http%3A%2F%2Fa%3Ab`,
      credential: 'admin',
      expect: 'handled',
    });
  }
  add({
    name: 'next-auth sign-in POST to a look-alike host',
    method: 'POST',
    path: '/api/auth/signin/azure-ad',
    headers: form,
    body: 'callbackUrl=http%3A%2F%2Flocalhost%3A3000.evil.com%2F',
    expect: 'handled',
  });
  add({
    name: 'a planted callback-url cookie with an invalid URL',
    method: 'GET',
    path: '/api/auth/session',
    headers: { cookie: 'next-auth.callback-url=http%3A%2F%2Fa%3Ab' },
    expect: 'handled',
  });
  // Methods nobody serves, on pages and routes alike.
  for (const path of ['/', '/customers', '/api/health', '/api/auth/session'])
    add({ name: `TRACE ${path}`, method: 'TRACE', path, credential: 'admin' });

  // Header oddities on a public and a protected route (CRLF itself cannot be sent by a
  // conforming client; the encoded forms above and these must not split or echo headers).
  const oddHeaders: Record<string, string>[] = [
    { host: 'evil.example' },
    { 'x-forwarded-host': 'evil.example' },
    { 'x-forwarded-proto': 'javascript' },
    { 'x-forwarded-for': 'x'.repeat(4000) },
    { 'x-portal-path': '//evil.example' },
    { 'content-security-policy': "script-src 'unsafe-inline'" },
    { 'x-nonce': 'attacker' },
    { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
    { cookie: 'a'.repeat(6000) },
    { accept: 'application/json, text/html;q=0.1' },
  ];
  for (const headers of oddHeaders) {
    add({
      name: `odd header ${Object.keys(headers)[0]} on /api/health`,
      method: 'GET',
      path: '/api/health',
      headers,
    });
    add({
      name: `odd header ${Object.keys(headers)[0]} on /customers`,
      method: 'GET',
      path: '/customers',
      headers,
      expect: 'handled',
    });
  }
  return cases;
}
