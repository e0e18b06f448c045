using PvoFinance.Applications;

namespace PvoFinance.Storage;

/// <summary>The bounds of <see cref="IApplicationHistoryStore"/>, checked alike by every implementation.</summary>
public static class ApplicationHistoryLimits
{
    /// <summary>Rows in one write: one table batch (entity-group transaction) holds at most 100 operations.</summary>
    public const int MaxBatch = 100;

    /// <summary>Sequences in one read: every history at most (<see cref="ApplicationLimits.MaxHistoryEntries"/>).</summary>
    public const int MaxRead = ApplicationLimits.MaxHistoryEntries;

    /// <summary>Digits of a row key: sequences are zero-padded so that keys sort as numbers.</summary>
    public const int KeyDigits = 6;

    /// <summary>The longest application id (the grain allows 60 of <c>[a-z0-9-]</c>).</summary>
    public const int MaxIdLength = 60;

    /// <summary>The row key of <paramref name="sequence"/>.</summary>
    public static string RowKey(int sequence) => sequence.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The longest idempotency key (the API allows 200 characters).</summary>
    public const int MaxKeyLength = 200;

    /// <summary>
    /// The longest answer text a row keeps (a table column holds 32K characters); a longer answer stays in the
    /// application's state only, as every answer did before.
    /// </summary>
    public const int MaxReplyChars = 30_000;

    /// <summary>The row key of the answer kept for <paramref name="key"/>: <c>k</c> and a hash (keys may hold any character), sorting after every entry.</summary>
    public static string ReplyRowKey(string key) => "k" + KeyHash(key);

    /// <summary>A short hash of an idempotency key (16 hex digits), what the application's state keeps of every key.</summary>
    public static string KeyHash(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key ?? "")))[..16];

    /// <summary>Checks a key.</summary>
    /// <exception cref="ArgumentException">Out of bounds.</exception>
    public static void CheckKey(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"An idempotency key has 1..{MaxKeyLength} characters.", nameof(key));
        }
    }

    /// <summary>Checks a write.</summary>
    /// <exception cref="ArgumentException">Out of bounds.</exception>
    public static void Validate(string applicationId, IReadOnlyList<HistoryEntry> entries, IReadOnlyList<StoredReply>? replies = null)
    {
        CheckId(applicationId);
        ArgumentNullException.ThrowIfNull(entries);
        replies ??= [];
        if (entries.Count + replies.Count > MaxBatch)
        {
            throw new ArgumentException($"At most {MaxBatch} history rows are written at once, not {entries.Count + replies.Count}.", nameof(entries));
        }
        foreach (var r in replies)
        {
            CheckKey(r?.Key!);
            if (r!.Json is null || r.Json.Length > MaxReplyChars)
            {
                throw new ArgumentException($"An answer row holds 0..{MaxReplyChars} characters.", nameof(replies));
            }
        }
        if (replies.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count() != replies.Count)
        {
            throw new ArgumentException("A batch writes each key once.", nameof(replies));
        }
        if (entries.Any(e => e is null || e.Sequence is < 1 or > ApplicationLimits.MaxHistoryEntries))
        {
            throw new ArgumentException($"A history row has a sequence 1..{ApplicationLimits.MaxHistoryEntries}.", nameof(entries));
        }
        if (entries.Select(e => e.Sequence).Distinct().Count() != entries.Count)
        {
            throw new ArgumentException("A batch writes each sequence once.", nameof(entries));
        }
    }

    /// <summary>Checks a read.</summary>
    /// <exception cref="ArgumentException">Out of bounds.</exception>
    public static void Validate(string applicationId, int first, int last)
    {
        CheckId(applicationId);
        if (first < 1 || last < first - 1 || last - first + 1 > MaxRead)
        {
            throw new ArgumentException($"A history read asks 0..{MaxRead} sequences from 1 on, not {first}..{last}.", nameof(first));
        }
    }

    /// <summary>Checks an application id.</summary>
    /// <exception cref="ArgumentException">Out of bounds.</exception>
    public static void CheckId(string applicationId)
    {
        if (string.IsNullOrEmpty(applicationId) || applicationId.Length > MaxIdLength || applicationId.Any(c => c is not (>= 'a' and <= 'z' or >= '0' and <= '9' or '-')))
        {
            throw new ArgumentException($"An application id is 1..{MaxIdLength} of a-z, 0-9 and '-'.", nameof(applicationId));
        }
    }
}
