// Azure Cache for Redis: the Orleans membership table (which silos are alive), nothing else.

@description('Name of the cache, unique in Azure.')
param name string

@description('Azure region.')
param location string

@description('Basic has no replica (a cache restart makes the silos rejoin); Standard keeps a replica.')
@allowed([
  'Basic'
  'Standard'
])
param sku string

@description('Tags for every resource.')
param tags object

resource cache 'Microsoft.Cache/redis@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: sku
      family: 'C'
      capacity: 0
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

@description('Name of the cache (the container app reads its key from it).')
output name string = cache.name
