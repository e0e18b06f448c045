using System.Globalization;
using Azure.Data.Tables;
using PvoFinance.Silo.Storage;
using PvoFinance.Storage;

namespace PvoFinance.Bench;

/// <summary>
/// The largest stored grain state after the scale phases: every table of the service's prefix is read row by row and
/// each row sized as Azure charges it (<see cref="AzureTableLimits.EstimateEntityBytes"/>): what the silo's storage
/// provider wrote, serialized by the silo's own serializer, whichever provider that is. Journal rows are entries, not
/// state, and are left out.
/// </summary>
internal static class ScaleStateSizes
{
    public static async Task<string> PrintAsync(string connectionString, string tablePrefix)
    {
        var service = new TableServiceClient(connectionString, TableStorageOptions.CreateDefaultClientOptions());
        var tables = new List<string>();
        await foreach (var t in service.QueryAsync(maxPerPage: 1000))
        {
            if (t.Name.StartsWith(tablePrefix, StringComparison.Ordinal) && !t.Name.EndsWith("Journals", StringComparison.Ordinal))
            {
                tables.Add(t.Name);
            }
        }
        Console.WriteLine($"(4c) stored state sizes in the service's tables ({tablePrefix}*), largest row each: bytes as Azure counts them (entity cap {AzureTableLimits.MaxEntityBytes:N0}), "
            + $"and its write request as Azurite counts it (binary base64-encoded; cap {GrainStateLimits.EntityRequestBytes:N0}; a state's declared bound {GrainStateLimits.MaxStateBytes:N0} keeps it under)");
        long largest = 0;
        var where = "none";
        foreach (var name in tables.Order(StringComparer.Ordinal))
        {
            var table = service.GetTableClient(name);
            long rows = 0, max = 0, maxRequest = 0;
            var at = "";
            await foreach (var row in table.QueryAsync<TableEntity>(maxPerPage: 1000))
            {
                rows++;
                var bytes = AzureTableLimits.EstimateEntityBytes(row);
                maxRequest = Math.Max(maxRequest, RequestBytes(row));
                if (bytes > max)
                {
                    (max, at) = (bytes, $"{row.PartitionKey}/{row.RowKey}");
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name[tablePrefix.Length..],-22} {rows,9:N0} rows, largest {max,11:N0} bytes ({Shorten(at)}), largest request {maxRequest,11:N0} bytes"));
            if (max > largest)
            {
                (largest, where) = (max, $"{name[tablePrefix.Length..]}:{Shorten(at)}");
            }
        }
        return string.Create(CultureInfo.InvariantCulture, $"largest state bytes={largest} ({where})");
    }

    // The JSON body of the row's write as Azurite measures it: keys and strings escaped, binary base64, names twice
    // (the value and its type annotation).
    private static long RequestBytes(TableEntity row)
    {
        long bytes = 2 + JsonWireSize.Of(row.PartitionKey) + JsonWireSize.Of(row.RowKey) + 40;
        foreach (var (name, value) in row)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
            {
                continue;
            }
            bytes += 2 * (JsonWireSize.Of(name) + 6) + 16 + value switch
            {
                byte[] b => 4L * ((b.Length + 2) / 3),
                BinaryData d => 4L * ((d.ToMemory().Length + 2) / 3),
                string text => JsonWireSize.Of(text),
                _ => 24,
            };
        }
        return bytes;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
