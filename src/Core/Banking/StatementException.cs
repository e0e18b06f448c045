namespace PvoFinance.Banking;

/// <summary>
/// A statement refused: where (an entry number or an MT940 line number, or null for the file as a whole), which field,
/// and why in the treasurer's words. Nothing of a refused statement is booked.
/// </summary>
public sealed class StatementException : FormatException
{
    /// <summary>Creates a refusal.</summary>
    /// <param name="location">E.g. <c>entry 3</c> or <c>line 12</c>; null for the whole file.</param>
    /// <param name="field">The field, e.g. <c>Ntry/Amt/@Ccy</c> or <c>:61:</c>.</param>
    /// <param name="reason">Why, in one sentence.</param>
    public StatementException(string? location, string field, string reason)
        : base(location is null ? $"{field}: {reason}" : $"{location}, {field}: {reason}")
    {
        Location = location;
        Field = field;
        Reason = reason;
    }

    /// <summary>The entry or line, e.g. <c>entry 3</c> or <c>line 12</c>; null for the whole file.</summary>
    public string? Location { get; }

    /// <summary>The refused field.</summary>
    public string Field { get; }

    /// <summary>Why, in one sentence.</summary>
    public string Reason { get; }
}
