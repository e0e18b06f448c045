// The silos: one Container Apps environment and one app whose replicas form one Orleans cluster (membership and
// state in Table storage). Every replica serves HTTP and is a silo; replicas reach each other on the silo port.

@description('Azure region.')
param location string

@description('Prefix of the environment, app and workspace names.')
param namePrefix string

@description('The silo image, e.g. myregistry.example/pvofinance:1.0.0 (built from infra/Dockerfile).')
param image string

@description('Login server of a private container registry; empty for a public image.')
param registryServer string

@description('User name for the private registry.')
param registryUsername string

@description('Password for the private registry.')
@secure()
param registryPassword string

@description('Name of the Storage account made by storage.bicep.')
param storageAccountName string

@description('Prefix of the table names (letters and digits, starting with a letter).')
param tablePrefix string

@description('Orleans cluster id: silos with the same cluster and service id form one cluster.')
param clusterId string

@description('Orleans service id: grain state is stored under it, so it must stay the same across deployments.')
param serviceId string

@description('OIDC authority that issues the callers\' tokens (Authentication:Schemes:Bearer:Authority).')
param authority string

@description('Audience the tokens must carry (Authentication:Schemes:Bearer:ValidAudiences).')
param audience string

@description('The pages\' sign-in: the public client id registered at the issuer (redirect URI <service>/signin-callback.html).')
param webClientId string

@description('OTLP endpoint for traces and metrics; empty to export nothing.')
param otlpEndpoint string

@description('Fewest replicas (silos). One silo is a whole cluster; two or more keep serving while one restarts.')
@minValue(1)
param minReplicas int

@description('Most replicas (silos).')
@minValue(1)
param maxReplicas int

@description('Concurrent HTTP requests per replica before another replica is added.')
@minValue(1)
param concurrentRequestsPerReplica int

@description('Tags for every resource.')
param tags object

var httpPort = 8080
var siloPort = 11111
var gatewayPort = 30000

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

var registrySecrets = empty(registryServer) ? [] : [
  {
    name: 'registry-password'
    value: registryPassword
  }
]

var registries = empty(registryServer) ? [] : [
  {
    server: registryServer
    username: registryUsername
    passwordSecretRef: 'registry-password'
  }
]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${namePrefix}-silo'
  location: location
  tags: tags
  properties: {
    managedEnvironmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: httpPort
        transport: 'http'
        allowInsecure: false
        // Silo-to-silo and gateway traffic stays inside the environment.
        additionalPortMappings: [
          {
            external: false
            targetPort: siloPort
            exposedPort: siloPort
          }
          {
            external: false
            targetPort: gatewayPort
            exposedPort: gatewayPort
          }
        ]
      }
      secrets: concat([
        {
          name: 'storage-connection'
          value: 'DefaultEndpointsProtocol=https;AccountName=${account.name};AccountKey=${account.listKeys().keys[0].value};EndpointSuffix=${az.environment().suffixes.storage}'
        }
      ], registrySecrets)
      registries: registries
    }
    template: {
      containers: [
        {
          name: 'silo'
          image: image
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
          // A literal list (no concat): PvoFinance.Infra.Tests reads these names from the compiled template.
          env: [
            {
              name: 'PvoFinance__Storage__ConnectionString'
              secretRef: 'storage-connection'
            }
            {
              name: 'PvoFinance__Storage__TablePrefix'
              value: tablePrefix
            }
            {
              // Membership in the table pvo…Silos of the same Storage account.
              name: 'PvoFinance__Cluster__Mode'
              value: 'AzureTable'
            }
            {
              name: 'PvoFinance__Cluster__ClusterId'
              value: clusterId
            }
            {
              name: 'PvoFinance__Cluster__ServiceId'
              value: serviceId
            }
            {
              // A replica learns its own address when it starts; "host" advertises it to the other silos.
              name: 'PvoFinance__Cluster__AdvertisedAddress'
              value: 'host'
            }
            {
              name: 'PvoFinance__Silo__SiloPort'
              value: string(siloPort)
            }
            {
              name: 'PvoFinance__Silo__GatewayPort'
              value: string(gatewayPort)
            }
            {
              name: 'Authentication__Schemes__Bearer__Authority'
              value: authority
            }
            {
              name: 'Authentication__Schemes__Bearer__ValidAudiences__0'
              value: audience
            }
            {
              name: 'PvoFinance__Auth__Oidc__ClientId'
              value: webClientId
            }
            {
              name: 'ASPNETCORE_HTTP_PORTS'
              value: string(httpPort)
            }
            {
              // Empty: the service exports nothing.
              name: 'OTEL_EXPORTER_OTLP_ENDPOINT'
              value: otlpEndpoint
            }
          ]
          probes: [
            {
              // /health answers 200 once the silo answers grain calls and storage answers reads.
              type: 'Startup'
              httpGet: {
                path: '/health'
                port: httpPort
              }
              periodSeconds: 5
              failureThreshold: 30
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health'
                port: httpPort
              }
              periodSeconds: 10
              failureThreshold: 3
            }
            {
              // Liveness only asks whether the process listens: a storage outage must not restart every silo.
              type: 'Liveness'
              tcpSocket: {
                port: httpPort
              }
              periodSeconds: 20
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http-load'
            http: {
              metadata: {
                concurrentRequests: string(concurrentRequestsPerReplica)
              }
            }
          }
        ]
      }
    }
  }
}

@description('Public address of the service.')
output url string = 'https://${app.properties.configuration.ingress.fqdn}'
