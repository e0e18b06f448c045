using Azure.Data.Tables;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// Creates a store's table once, shared by every caller; a failed or cancelled attempt is forgotten so that the next
/// call tries again (storage may be briefly unavailable at start).
/// </summary>
/// <param name="table">The table to create if it does not exist.</param>
internal sealed class TableCreation(TableClient table)
{
    private readonly Lock _gate = new();
    private Task? _created;

    /// <summary>The creation, started by the first caller; completed at once after it succeeded.</summary>
    public Task EnsureAsync()
    {
        var created = _created;
        if (created is { IsCompletedSuccessfully: true })
        {
            return created;
        }
        lock (_gate)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = table.CreateIfNotExistsAsync(CancellationToken.None);
            }
            return _created;
        }
    }
}
