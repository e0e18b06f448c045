using System.Globalization;

namespace PvoFinance.Silo.Storage;

/// <summary>
/// Row keys, property names and the ETag token of <see cref="AzureTableJournalStore"/>. One journal is one
/// partition; within it the rows sort as <c>E…</c> (records) &lt; <c>H</c> (header) &lt; <c>K…</c> (keys) &lt;
/// <c>S</c> (snapshot) &lt; <c>X…</c> (keys that cannot be row keys as they are).
/// </summary>
internal static class JournalTableLayout
{
    public const string HeaderRow = "H";
    public const string SnapshotRow = "S";

    /// <summary>Exclusive upper bound of the record rows: every <c>E{19 digits}</c> sorts below it.</summary>
    public const string RecordRowsEnd = "F";

    public const string VersionColumn = "Version";
    public const string SnapshotSeqColumn = "SnapshotSeq";
    public const string KeyColumn = "Key";
    public const string ContentHashColumn = "ContentHash";
    public const string PayloadColumn = "Payload";
    public const string SeqColumn = "Seq";
    public const string ChunksColumn = "Chunks";

    /// <summary>Characters per snapshot chunk (a string property holds 32,768; a chunk may take one more to keep a surrogate pair whole).</summary>
    public const int SnapshotChunkChars = 32_000;

    /// <summary>Snapshot chunk property names, in order.</summary>
    public static readonly string[] SnapshotChunkProperties = [.. Enumerable.Range(0, 15).Select(i => $"Snap{i}")];

    /// <summary>Zero-padded so that RowKey order is sequence order.</summary>
    public static string RecordRow(long sequence) => "E" + sequence.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// The row of an idempotency key: <c>K</c> and the key itself when it is a valid row key (the ledger's keys
    /// always are: printable ASCII without / \ # ?), otherwise <c>X</c> and the key's SHA-256 (the row's Key column
    /// holds the key, and a look-up compares it).
    /// </summary>
    public static string KeyRow(string key) =>
        key.Length <= 200 && key.All(c => c is >= '!' and <= '~' and not ('/' or '\\' or '#' or '?'))
            ? "K" + key
            : "X" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    public static long SequenceOf(string recordRow) => long.Parse(recordRow.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>
    /// The ETag we hand out: the header's version and its Azure ETag. Azure's ETag pins the header row, so
    /// it also pins the version stored in it; carrying that version lets an append refuse a caller whose
    /// <c>expectedVersion</c> disagrees with its ETag without reading the header first.
    /// </summary>
    public static string ComposeETag(long version, string azureETag) => version.ToString(CultureInfo.InvariantCulture) + ":" + azureETag;

    public static bool TryParseETag(string token, out long version, out string azureETag)
    {
        var colon = token.IndexOf(':');
        azureETag = colon > 0 ? token[(colon + 1)..] : "";
        version = 0;
        return colon > 0
            && azureETag.Length > 0
            && long.TryParse(token.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
