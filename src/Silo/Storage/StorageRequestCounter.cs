using System.Collections.Concurrent;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// Counts every request the service sends to Table storage — grain state, journals, the application list and
/// history rows, funding rows, membership — by table and kind (<c>journals.batch</c>, <c>grainstatev2.upsert</c>,
/// <c>applist.query</c>, …), and the rows inside each entity-group transaction (<c>journals.batch.rows</c>).
/// Unlike the per-request round trips (<c>StorageRoundTrips</c>), which see only the spans of a request's own trace,
/// this sees the writes made off the request's path too (the list's group commit, activation reads), so
/// <c>./bench.sh http</c> can put the whole storage cost of a lifecycle request beside a raw upsert's.
/// </summary>
/// <remarks>
/// A pipeline policy on every table client the service builds (<see cref="TableStorageOptions.CreateDefaultClientOptions"/>),
/// per try, so retries count. It counts only while <see cref="Enabled"/> (set in the Development environment, where
/// <c>GET /dev/storage-requests</c> answers the totals): counting a transaction's rows means reading its body once more.
/// Memory is bounded by the fixed set of tables and kinds (at most <see cref="MaxKeys"/> names).
/// </remarks>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    /// <summary>The one instance every client's options carry.</summary>
    public static readonly StorageRequestCounter Instance = new();

    /// <summary>Most distinct names counted; further ones are counted under <c>other</c>.</summary>
    public const int MaxKeys = 256;

    private static readonly ConcurrentDictionary<string, long> Counts = new(StringComparer.Ordinal);

    /// <summary>Whether requests are counted (Development only).</summary>
    public static bool Enabled { get; set; }

    /// <summary>The table name prefix to leave out of the names (e.g. <c>pvo</c>), so names read as purposes.</summary>
    public static string TablePrefix { get; set; } = "";

    /// <summary>The totals since the process started, by name.</summary>
    public static IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(Counts, StringComparer.Ordinal);

    /// <inheritdoc />
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    /// <inheritdoc />
    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private static void Count(HttpMessage message)
    {
        if (!Enabled)
        {
            return;
        }
        var request = message.Request;
        var path = request.Uri.Path;
        var segment = path[(path.LastIndexOf('/') + 1)..];
        if (segment == "$batch")
        {
            var (table, rows) = ReadBatch(request.Content);
            Add($"{table}.batch", 1);
            Add($"{table}.batch.rows", rows);
            return;
        }
        var keyed = segment.Contains("(PartitionKey", StringComparison.Ordinal);
        var name = Purpose(segment);
        var method = request.Method;
        var kind = method == RequestMethod.Get ? (keyed ? "get" : "query")
            : method == RequestMethod.Post ? "insert"
            : method == RequestMethod.Put ? "upsert"
            : method == RequestMethod.Delete ? "delete"
            : "merge";
        Add($"{name}.{kind}", 1);
    }

    // An entity-group transaction: its table (from the first operation's address) and how many operations it holds.
    private static (string Table, long Rows) ReadBatch(RequestContent? content)
    {
        if (content is null)
        {
            return ("unknown", 0);
        }
        using var buffer = new MemoryStream();
        content.WriteTo(buffer, CancellationToken.None);
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        long rows = 0;
        for (var at = text.IndexOf("application/http", StringComparison.Ordinal); at >= 0; at = text.IndexOf("application/http", at + 1, StringComparison.Ordinal))
        {
            rows++;
        }
        // The first operation's request line: "PUT http://host/account/Table(PartitionKey=…) HTTP/1.1".
        var http = text.IndexOf(" http", StringComparison.Ordinal);
        if (http < 0)
        {
            return ("unknown", rows);
        }
        var end = text.IndexOfAny([' ', '?', '\r'], http + 1);
        var address = end < 0 ? text[(http + 1)..] : text[(http + 1)..end];
        return (Purpose(address[(address.LastIndexOf('/') + 1)..]), rows);
    }

    // "bench123Journals(PartitionKey='…',RowKey='…')" → "journals".
    private static string Purpose(string segment)
    {
        var paren = segment.IndexOf('(', StringComparison.Ordinal);
        var table = paren < 0 ? segment : segment[..paren];
        if (TablePrefix.Length > 0 && table.StartsWith(TablePrefix, StringComparison.OrdinalIgnoreCase) && table.Length > TablePrefix.Length)
        {
            table = table[TablePrefix.Length..];
        }
        return table.ToLowerInvariant();
    }

    private static void Add(string name, long amount)
    {
        if (!Counts.ContainsKey(name) && Counts.Count >= MaxKeys)
        {
            name = "other";
        }
        Counts.AddOrUpdate(name, amount, (_, total) => total + amount);
    }
}
