// Example parameters; copy and fill in. The registry password is better given on the command line
// (-p registryPassword=...) or from a Key Vault than kept in a file.
using 'main.bicep'

param namePrefix = 'pvofin'
param image = 'myregistry.example/pvofinance:1.0.0'
param authority = 'https://login.example.org/pvofinance'
param audience = 'pvofinance-api'
param minReplicas = 2
param maxReplicas = 6
