/**
 * The seeded directory: partner tenants, the portal's app registration and the people who
 * sign in. Deterministic so tests, docs and the demo can name them; documented in
 * `emulator/README.md`. No value here is a real secret: it only opens the local emulator.
 */

export interface PartnerTenant {
  tenantId: string;
  name: string;
  /** The tenant's initial `onmicrosoft.com` domain; user names end with it. */
  domain: string;
}

export type AppRole = 'Admin' | 'SalesAgent' | 'Ops';

export interface DirectoryUser {
  objectId: string;
  tenantId: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string;
  surname: string;
  password: string;
  /** Base32 TOTP secret (RFC 6238, SHA-1, 6 digits, 30 s) or null when not enrolled in MFA. */
  totpSecret: string | null;
  /** App roles assigned on the portal's app registration. */
  roles: AppRole[];
  /** Holds a directory admin role (Global Administrator): may consent when user consent is off. */
  directoryAdmin?: boolean;
}

export interface AppRegistration {
  clientId: string;
  displayName: string;
  /** Tenant the app (and the portal's Key Vault) lives in. */
  homeTenantId: string;
  clientSecret: string;
  /** A secret that Entra says has expired (AADSTS7000222), for tests. */
  expiredClientSecret: string;
  /** The secret's *id*, which people paste by mistake (AADSTS7000215 when used). */
  clientSecretId: string;
  /** Redirect URIs; for `http://localhost` the port is ignored, as Entra does. */
  redirectUris: string[];
  /** Delegated permissions shown on the consent page, per resource. */
  requiredResourceAccess: Array<{ resource: string; displayName: string; scopes: string[] }>;
  /**
   * The manifest's `optionalClaims.idToken` names: claims Entra adds to this app's id_tokens
   * only when the registration asks for them (optional-claims-reference.md).
   */
  optionalIdTokenClaims: ReadonlyArray<'auth_time'>;
}

export const partnerCenterResource = 'https://api.partnercenter.microsoft.com';
export const vaultResource = 'https://vault.azure.net';
export const graphResource = '00000003-0000-0000-c000-000000000000';

export const demoPassword = 'Passw0rd!demo';

export const partnerTenants: readonly PartnerTenant[] = [
  {
    tenantId: '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
    name: 'Contoso Partner',
    domain: 'contosopartner.onmicrosoft.com',
  },
  {
    tenantId: '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22',
    name: 'Fabrikam Solutions',
    domain: 'fabrikamsolutions.onmicrosoft.com',
  },
];

const [contoso, fabrikam] = partnerTenants as [PartnerTenant, PartnerTenant];

/**
 * An Entra tenant that is no partner of the portal's operator: its admin can sign in to any
 * multi-tenant app and assign themselves app roles in their own tenant, so the portal must
 * refuse it by tenant, not by role. Not listed in the endpoints file's `partnerTenants`.
 */
export const unenrolledTenant: PartnerTenant = {
  tenantId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
  name: 'Northwind Traders',
  domain: 'northwindtraders.onmicrosoft.com',
};

export const portalApp: AppRegistration = {
  clientId: 'c4a1e5f0-7b2d-4e89-a6c3-0f5d8b2e9a31',
  displayName: 'Partner Portal (local)',
  homeTenantId: contoso.tenantId,
  clientSecret: 'emu~LocalPortalSecret.DoNotUseInAzure~0001',
  expiredClientSecret: 'emu~ExpiredPortalSecret~0000',
  clientSecretId: '5d3c2b1a-0000-4000-8000-00000000c0de',
  redirectUris: [
    'http://localhost/api/auth/callback/azure-ad',
    'http://localhost/api/consent/callback',
  ],
  requiredResourceAccess: [
    {
      resource: partnerCenterResource,
      displayName: 'Microsoft Partner Center',
      scopes: ['user_impersonation'],
    },
    {
      resource: graphResource,
      displayName: 'Microsoft Graph',
      scopes: ['openid', 'profile', 'offline_access', 'User.Read'],
    },
  ],
  // As the README's set-up asks: the portal reads when Entra last took the credentials.
  optionalIdTokenClaims: ['auth_time'],
};

/** A second registration, so "code issued to another client" (AADSTS700007) can be tested. */
export const otherApp: AppRegistration = {
  ...portalApp,
  clientId: '0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c61',
  displayName: 'Some Other App',
  clientSecret: 'emu~OtherAppSecret~0002',
  expiredClientSecret: 'emu~OtherAppExpired~0000',
  clientSecretId: '5d3c2b1a-0000-4000-8000-00000000beef',
  optionalIdTokenClaims: [],
};

function user(
  tenant: PartnerTenant,
  objectId: string,
  alias: string,
  givenName: string,
  surname: string,
  roles: AppRole[],
  totpSecret: string | null,
): DirectoryUser {
  return {
    objectId,
    tenantId: tenant.tenantId,
    userPrincipalName: `${alias}@${tenant.domain}`,
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    password: demoPassword,
    totpSecret,
    roles,
  };
}

export const directoryUsers: readonly DirectoryUser[] = [
  {
    ...user(
      contoso,
      'a1000000-0000-4000-8000-000000000001',
      'admin',
      'Adele',
      'Vance',
      ['Admin'],
      'JBSWY3DPEHPK3PXPADELEVANCE234567',
    ),
    directoryAdmin: true,
  },
  user(
    contoso,
    'a1000000-0000-4000-8000-000000000002',
    'sales',
    'Sam',
    'Seller',
    ['SalesAgent'],
    'KRSXG5CTMVRGK4TFONSWCLLTEFUQ2345',
  ),
  user(
    contoso,
    'a1000000-0000-4000-8000-000000000003',
    'ops',
    'Olga',
    'Operator',
    ['Ops'],
    'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE234',
  ),
  user(
    contoso,
    'a1000000-0000-4000-8000-000000000004',
    'admin2',
    'Alex',
    'Wilber',
    ['Admin'],
    'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  ),
  user(
    contoso,
    'a1000000-0000-4000-8000-000000000005',
    'nomfa',
    'Nina',
    'Nomfa',
    ['Admin', 'SalesAgent'],
    null,
  ),
  user(
    contoso,
    'a1000000-0000-4000-8000-000000000006',
    'norole',
    'Ray',
    'Norole',
    [],
    'ONSWG4TFOQYTEMZUGU3DOOBZGAYTEMZU',
  ),
  {
    ...user(
      fabrikam,
      'b2000000-0000-4000-8000-000000000001',
      'admin',
      'Fiona',
      'Admin',
      ['Admin'],
      'MZQWE4TJNNQW2YLENVUW42DBMFRGGZDF',
    ),
    directoryAdmin: true,
  },
  user(
    fabrikam,
    'b2000000-0000-4000-8000-000000000002',
    'sales',
    'Felix',
    'Sales',
    ['SalesAgent'],
    'MZSWY2LYONQWY5LTMFWGK43BMJRWIZLG',
  ),
  user(
    fabrikam,
    'b2000000-0000-4000-8000-000000000003',
    'ops',
    'Freya',
    'Ops',
    ['Ops'],
    'MZZGK6LBJ5YHGMZUGU3DOOBZGAYTEMZU',
  ),
  user(
    unenrolledTenant,
    'c3000000-0000-4000-8000-000000000001',
    'admin',
    'Nora',
    'Northwind',
    ['Admin'],
    'NZXXE5DIO5UW4ZBAMFSG22LOGIZTINJW',
  ),
];

export interface Identities {
  tenants: readonly PartnerTenant[];
  apps: readonly AppRegistration[];
  users: readonly DirectoryUser[];
}

export const seededIdentities: Identities = {
  tenants: [...partnerTenants, unenrolledTenant],
  apps: [portalApp, otherApp],
  users: directoryUsers,
};
