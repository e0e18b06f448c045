// The Storage account whose tables hold every journal and grain state (the service creates its tables at start).

@description('Name of the Storage account: 3-24 lower-case letters and digits, unique in Azure.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Redundancy: zone-redundant keeps the ledger through the loss of a zone; locally redundant is cheaper for test environments.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GZRS'
])
param sku string

@description('Tags for every resource.')
param tags object

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: sku
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The service signs in with the account key (its connection string setting); keep key access on.
    allowSharedKeyAccess: true
  }
}

@description('Name of the Storage account (the container app reads its key from it).')
output name string = account.name
