// The Storage account whose tables hold every journal and grain state (the service creates its tables at start) and
// whose blob containers hold the decision letters (PDF) and the uploaded documents (docs/documents.md).

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

@description('Prefix of the service\'s tables; its blob containers are named by it in lower case.')
param tablePrefix string

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

// The blob containers the service writes to: '<prefix>-letters' and '<prefix>-documents' with the table prefix in lower
// case (src/Silo/Hosting/StorageSettings.cs). The service also creates them when missing; declaring them
// here keeps them private and lets deleted blobs be recovered: a letter or document is never overwritten by the service,
// and soft delete covers a mistake made by hand.
resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 30
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 30
    }
  }
}

resource lettersContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: '${toLower(tablePrefix)}-letters'
  properties: {
    publicAccess: 'None'
  }
}

resource documentsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: '${toLower(tablePrefix)}-documents'
  properties: {
    publicAccess: 'None'
  }
}

@description('Names of the blob containers for decision letters and uploaded documents.')
output containers array = [
  lettersContainer.name
  documentsContainer.name
]

@description('Name of the Storage account (the container app reads its key from it).')
output name string = account.name
