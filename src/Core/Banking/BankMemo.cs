namespace PvoFinance.Banking;

/// <summary>
/// The bank's reference of a booked line, carried in the ledger entry's memo (<c>"Received from GM0983; bank reference
/// 2026120312345"</c>) so that <c>transactions.csv</c> can name it without a second store: the memo is part of the
/// entry's hashed content, so the reference is as tamper-evident as the amount.
/// </summary>
public static class BankMemo
{
    /// <summary>What separates the memo's text from the reference.</summary>
    public const string Marker = "; bank reference ";

    /// <summary>The longest reference carried: a bank's entry reference and an EndToEndId are both at most 35 characters (ISO 20022 Max35Text).</summary>
    public const int MaxReferenceChars = 35;

    /// <summary><paramref name="memo"/> with <paramref name="reference"/> after the marker; the memo alone when there is no usable reference.</summary>
    public static string With(string memo, string? reference)
    {
        ArgumentNullException.ThrowIfNull(memo);
        return Usable(reference) is { } r ? memo + Marker + r : memo;
    }

    /// <summary>The reference a memo written by <see cref="With"/> carries, or null.</summary>
    public static string? ReferenceOf(string? memo)
    {
        if (memo is null)
        {
            return null;
        }
        var at = memo.LastIndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? null : Usable(memo[(at + Marker.Length)..]);
    }

    /// <summary>
    /// The reference to show for a statement line: the bank's own entry reference, else the payer's end-to-end
    /// reference when it is one (<c>NOTPROVIDED</c> is the scheme's word for none), else null.
    /// </summary>
    public static string? OfLine(string? bankReference, string? endToEndId) =>
        Usable(bankReference) ?? (string.Equals(endToEndId, "NOTPROVIDED", StringComparison.OrdinalIgnoreCase) ? null : Usable(endToEndId));

    // One line of printable text, at most 35 characters: a bank's reference never needs more, and a memo stays bounded.
    private static string? Usable(string? reference)
    {
        var r = reference?.Trim();
        if (string.IsNullOrEmpty(r) || r.Length > MaxReferenceChars)
        {
            return null;
        }
        foreach (var ch in r)
        {
            if (char.IsControl(ch))
            {
                return null;
            }
        }
        return r;
    }
}
