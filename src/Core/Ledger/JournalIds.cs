namespace PvoFinance.Ledger;

/// <summary>
/// Journal ids name budget holders: <c>source.jenv-pvo.2026</c>, <c>region.limburg</c>, <c>project.app-42</c>.
/// Lower-case letters, digits, '-', '.', '_', so an id is also a valid account segment (for clearing accounts)
/// and a valid table partition key.
/// </summary>
public static class JournalIds
{
    /// <summary>Longest journal id.</summary>
    public const int MaxLength = 100;

    /// <summary>True when <paramref name="id"/> is a well-formed journal id.</summary>
    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_');

    /// <summary>The clearing account in one journal that holds money in transit to or from <paramref name="counterpart"/>.</summary>
    public static AccountId ClearingAccountFor(string counterpart) => AccountId.Of(AccountKind.Clearing, counterpart);
}
