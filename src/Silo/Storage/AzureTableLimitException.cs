namespace PvoFinance.Silo.Storage;

/// <summary>
/// Thrown before any I/O when an entity, key or transaction would break an Azure Table service limit
/// (see <see cref="AzureTableLimits"/>). Azurite accepts several of these, so our code must refuse them.
/// </summary>
[GenerateSerializer]
public sealed class AzureTableLimitException : Exception
{
    /// <summary>Creates the exception with a message that names the limit and the offending value.</summary>
    public AzureTableLimitException(string message) : base(message)
    {
    }
}
