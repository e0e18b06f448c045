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

    /// <summary>Checks a write.</summary>
    /// <exception cref="ArgumentException">Out of bounds.</exception>
    public static void Validate(string applicationId, IReadOnlyList<HistoryEntry> entries)
    {
        CheckId(applicationId);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count > MaxBatch)
        {
            throw new ArgumentException($"At most {MaxBatch} history rows are written at once, not {entries.Count}.", nameof(entries));
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

    private static void CheckId(string applicationId)
    {
        if (string.IsNullOrEmpty(applicationId) || applicationId.Length > MaxIdLength || applicationId.Any(c => c is not (>= 'a' and <= 'z' or >= '0' and <= '9' or '-')))
        {
            throw new ArgumentException($"An application id is 1..{MaxIdLength} of a-z, 0-9 and '-'.", nameof(applicationId));
        }
    }
}
