// PvoFinance on Azure: a Storage account (tables for journals, grain state and the Orleans membership table) and
// the silos on Azure Container Apps. Deploy with:
//   az deployment group create -g <resource-group> -f infra/azure/main.bicep -p infra/azure/main.bicepparam
// (docs/deployment.md walks through it).
targetScope = 'resourceGroup'

@description('Azure region of every resource; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Prefix of the resource names: 3-11 lower-case letters and digits.')
@minLength(3)
@maxLength(11)
param namePrefix string

@description('The silo image built from infra/Dockerfile, e.g. myregistry.example/pvofinance:1.0.0.')
param image string

@description('Login server of a private container registry; empty for a public image.')
param registryServer string = ''

@description('User name for the private registry.')
param registryUsername string = ''

@description('Password for the private registry.')
@secure()
param registryPassword string = ''

@description('OIDC authority that issues the callers\' tokens, e.g. https://login.example.org/realm.')
param authority string

@description('Audience the callers\' tokens must carry.')
param audience string

@description('The public client id of the pages\' sign-in at the issuer (redirect URI <service>/signin-callback.html).')
param webClientId string = 'pvofinance-web'

@description('OTLP endpoint (http or grpc) for traces and metrics; empty to export nothing.')
param otlpEndpoint string = ''

@description('Orleans service id: grain state is stored under it; keep it the same for the life of the data.')
param serviceId string = 'pvofinance'

@description('Orleans cluster id; a new id starts a new cluster on the same data (e.g. for a blue/green switch).')
param clusterId string = 'pvofinance'

@description('Prefix of the table names (letters and digits, starting with a letter).')
param tablePrefix string = 'pvo'

@description('Redundancy of the Storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_ZRS'

@description('Fewest silos; 2 or more keeps the service up while one restarts.')
@minValue(1)
param minReplicas int = 2

@description('Most silos.')
@minValue(1)
param maxReplicas int = 6

@description('Concurrent HTTP requests per silo before another is added.')
@minValue(1)
param concurrentRequestsPerReplica int = 50

@description('Tags for every resource.')
param tags object = {
  service: 'pvofinance'
}

var unique = uniqueString(resourceGroup().id, namePrefix)

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('${namePrefix}${unique}', 24)
    location: location
    sku: storageSku
    tablePrefix: tablePrefix
    tags: tags
  }
}

module silos 'modules/containerApp.bicep' = {
  name: 'silos'
  params: {
    location: location
    namePrefix: namePrefix
    image: image
    registryServer: registryServer
    registryUsername: registryUsername
    registryPassword: registryPassword
    storageAccountName: storage.outputs.name
    tablePrefix: tablePrefix
    clusterId: clusterId
    serviceId: serviceId
    authority: authority
    audience: audience
    webClientId: webClientId
    otlpEndpoint: otlpEndpoint
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    concurrentRequestsPerReplica: concurrentRequestsPerReplica
    tags: tags
  }
}

@description('Public address of the service.')
output url string = silos.outputs.url
