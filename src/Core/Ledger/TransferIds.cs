namespace PvoFinance.Ledger;

/// <summary>
/// Transfer ids name a movement between two journals: a caller's own (<c>grant-limburg-2026-1</c>) or the service's
/// (<c>app:kvo-maastricht:5:0</c>, <c>pay:limburg-2026:p1</c>). An id becomes part of three ledger keys
/// (<c>&lt;id&gt;:reserve</c>, …), so it follows the key rules with room for the suffix.
/// </summary>
public static class TransferIds
{
    /// <summary>Longest transfer id: a ledger key less room for the longest suffix.</summary>
    public const int MaxLength = LedgerLimits.MaxKeyChars - 10;

    /// <summary>What a well-formed transfer id is, in the words a refusal uses.</summary>
    public const string Rule = "A transfer id has 1..190 printable ASCII characters without spaces or / \\ # ?.";

    /// <summary>True when <paramref name="id"/> is a well-formed transfer id.</summary>
    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && !id.Any(c => c is < '!' or > '~' or '/' or '\\' or '#' or '?');
}
