// Partner Portal on Azure: App Service for Linux running the container image (Dockerfile) with a
// system-assigned managed identity, Key Vault (RBAC; the identity is Key Vault Secrets Officer),
// Azure Database for PostgreSQL flexible server and Application Insights. Every instance runs the
// keep-alive timer; on the shared database they take turns, one run per interval.
// Parameters are documented in README.md ("Deploy on Azure") and deploy/main.parameters.example.json.
// Deploy into a resource group: az deployment group create -g <rg> -f deploy/main.bicep -p @deploy/main.parameters.json

@description('Short name used to derive resource names (letters and digits, 3-12).')
@minLength(3)
@maxLength(12)
param namePrefix string

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Container image of the portal, e.g. <registry>/partner-portal:1.0.0 (built from the Dockerfile).')
param containerImage string

@description('Name of an Azure Container Registry in this resource group that holds the image; the app pulls with its managed identity (AcrPull). Empty: a public image.')
param containerRegistryName string = ''

@description('App Service plan SKU (Linux). P0v3 or larger for production.')
param appServiceSkuName string = 'P0v3'

@description('Number of instances. They share the database: the keep-alive, audit retention and alert evaluation run on one of them per interval.')
@minValue(1)
param instanceCount int = 1

@description('Public URL of the portal (https). Empty: https://<app>.azurewebsites.net.')
param publicUrl string = ''

@description('Tenant the portal\'s app registration lives in (its home tenant, ENTRA_TENANT_ID). Default: the tenant of the subscription deployed into.')
param entraTenantId string = tenant().tenantId

@description('Application (client) ID of the portal\'s app registration.')
param entraClientId string

@description('Entra endpoint version: v2 (scopes) or v1 (resources, for tenants whose policies still need it).')
@allowed([
  'v1'
  'v2'
])
param entraEndpointVersion string = 'v2'

@description('Tenant in the sign-in URL: organizations (any partner tenant), common, or one tenant GUID.')
param entraSignInTenant string = 'organizations'

@description('Partner tenants (GUIDs, comma-separated) admitted besides the home tenant; everyone else is refused at sign-in.')
param partnerTenants string = ''

@description('Client secret value of the app registration (stored in Key Vault, referenced by the app). Empty only with entraClientCertificatePath.')
@secure()
param entraClientSecret string = ''

@description('When the client secret expires (ISO date, e.g. 2027-06-30): onboarding warns 30 days ahead. Empty: no warning.')
param entraClientSecretExpiresAt string = ''

@description('Path, inside the container, of a PEM file with the app registration\'s certificate and private key (a storage mount of your own: the template mounts none). Empty: the client secret.')
param entraClientCertificatePath string = ''

@description('Seconds between the in-process keep-alive runs (one instance runs per interval). 0: an external scheduler calls the job routes instead.')
@minValue(0)
param keepAliveCheckSeconds int = 3600

@description('Session and consent cookie key, at least 32 characters (openssl rand -base64 32). Stored in Key Vault.')
@secure()
@minLength(32)
param authSecret string

@description('Bearer token for /api/health monitors (read only), at least 24 characters. Stored in Key Vault.')
@secure()
@minLength(24)
param healthMonitorToken string

@description('Bearer token of the keep-alive scheduler (the job routes), at least 24 characters and not the monitor token. Stored in Key Vault.')
@secure()
@minLength(24)
param schedulerToken string

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'portaladmin'

@description('PostgreSQL administrator password. The app\'s DATABASE_URL is built from it and kept in Key Vault.')
@secure()
param postgresAdminPassword string

@description('PostgreSQL flexible server SKU and tier.')
param postgresSkuName string = 'Standard_B1ms'
param postgresSkuTier string = 'Burstable'

var suffix = uniqueString(resourceGroup().id, namePrefix)
var appName = '${namePrefix}-portal-${suffix}'
var vaultName = take('${namePrefix}kv${suffix}', 24)
// Without a trailing slash: the redirect URI outputs append paths to it.
var portalUrl = empty(publicUrl) ? 'https://${appName}.azurewebsites.net' : (endsWith(publicUrl, '/') ? substring(publicUrl, 0, length(publicUrl) - 1) : publicUrl)
// Built-in role ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
var acrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${namePrefix}-pg-${suffix}'
  location: location
  sku: { name: postgresSkuName, tier: postgresSkuTier }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: { activeDirectoryAuth: 'Disabled', passwordAuth: 'Enabled' }
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'portal'
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// 0.0.0.0-0.0.0.0 is Azure's "allow access from Azure services"; use VNet integration and
// private access for a closed network (README).
resource postgresAzureAccess 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

// Configuration secrets live beside the refresh tokens (those are named sam-refresh-token-*).
resource authSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'portal-auth-secret'
  properties: { value: authSecret }
}

resource monitorTokenValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'portal-health-monitor-token'
  properties: { value: healthMonitorToken }
}

resource schedulerTokenValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'portal-scheduler-token'
  properties: { value: schedulerToken }
}

resource clientSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(entraClientSecret)) {
  parent: vault
  name: 'portal-entra-client-secret'
  properties: { value: entraClientSecret }
}

resource databaseUrlValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'portal-database-url'
  properties: {
    value: 'postgresql://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${database.name}?sslmode=require'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: { name: appServiceSkuName, capacity: instanceCount }
  properties: { reserved: true }
}

// App settings that name a Key Vault secret resolve through the app's managed identity
// (https://learn.microsoft.com/azure/app-service/app-service-key-vault-references).
var kvRefPrefix = '@Microsoft.KeyVault(VaultName=${vaultName};SecretName='

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  kind: 'app,linux,container'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Session affinity (App Service's ARRAffinity cookie): while PostgreSQL is away, an instance
    // serves only the sessions it has seen and keeps results shown once in its own memory
    // (README, "Running several instances"). Without affinity, a person's next request lands on
    // any instance, which refuses a session it has not seen: with two or more instances, a
    // person who signed in again could be sent to sign in again at the next page, each time.
    // Affinity is routing only: every guard still goes through the database while it answers.
    clientAffinityEnabled: true
    siteConfig: {
      linuxFxVersion: 'DOCKER|${containerImage}'
      acrUseManagedIdentityCreds: !empty(containerRegistryName)
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Readiness: App Service takes an instance that fails it out of the load balancer and
      // replaces it after an hour. It fails only on an invalid configuration or a path to a
      // dependency that another instance reaches (lib/health/readiness.ts), never on an outage
      // every instance sees, so it never empties the pool.
      healthCheckPath: '/api/health/ready'
      appSettings: concat([
        { name: 'WEBSITES_PORT', value: '3000' }
        { name: 'PORTAL_PROFILE', value: 'azure' }
        { name: 'PORTAL_PUBLIC_URL', value: portalUrl }
        { name: 'AUTH_SECRET', value: '${kvRefPrefix}${authSecretValue.name})' }
        { name: 'ENTRA_TENANT_ID', value: entraTenantId }
        { name: 'ENTRA_CLIENT_ID', value: entraClientId }
        { name: 'ENTRA_SIGN_IN_TENANT', value: entraSignInTenant }
        { name: 'ENTRA_ENDPOINT_VERSION', value: entraEndpointVersion }
        { name: 'PARTNER_TENANTS', value: partnerTenants }
        { name: 'KEY_VAULT_URL', value: vault.properties.vaultUri }
        { name: 'KEY_VAULT_CREDENTIAL', value: 'default' }
        { name: 'DATABASE_URL', value: '${kvRefPrefix}${databaseUrlValue.name})' }
        { name: 'HEALTH_MONITOR_TOKEN', value: '${kvRefPrefix}${monitorTokenValue.name})' }
        { name: 'SCHEDULER_TOKEN', value: '${kvRefPrefix}${schedulerTokenValue.name})' }
        // App Service's front end appends to X-Forwarded-For.
        { name: 'TRUSTED_PROXY_COUNT', value: '1' }
        // Each interval (hourly by default) one instance's timer (a lease row in PostgreSQL
        // decides whose) runs the keep-alive, then the audit trail's retention, then the alerts.
        { name: 'TOKEN_KEEP_ALIVE_CHECK_SECONDS', value: string(keepAliveCheckSeconds) }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'OTEL_SERVICE_NAME', value: 'partner-portal' }
      // Every setting is a parameter: a redeployment replaces the whole list, so one added by
      // hand in the portal would be lost.
      ], empty(entraClientSecret) ? [] : [
        { name: 'ENTRA_CLIENT_SECRET', value: '${kvRefPrefix}portal-entra-client-secret)' }
      ], empty(entraClientSecretExpiresAt) ? [] : [
        { name: 'ENTRA_CLIENT_SECRET_EXPIRES_AT', value: entraClientSecretExpiresAt }
      ], empty(entraClientCertificatePath) ? [] : [
        { name: 'ENTRA_CLIENT_CERTIFICATE_PATH', value: entraClientCertificatePath }
      ])
    }
  }
}

resource appIsSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, app.id, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = if (!empty(containerRegistryName)) {
  name: containerRegistryName
}

resource appPullsImages 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(containerRegistryName)) {
  name: guid(resourceGroup().id, containerRegistryName, app.id, acrPull)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPull)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output appName string = app.name
output portalUrl string = portalUrl
output signInRedirectUri string = '${portalUrl}/api/auth/callback/azure-ad'
output consentRedirectUri string = '${portalUrl}/api/consent/callback'
output keyVaultUrl string = vault.properties.vaultUri
output appPrincipalId string = app.identity.principalId
