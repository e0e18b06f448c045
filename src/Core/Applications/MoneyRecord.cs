namespace PvoFinance.Applications;

/// <summary>A treasurer's record of money paid out (what was still due) or received back (a reclaim).</summary>
/// <param name="Amount">Positive, and at most what is outstanding.</param>
/// <param name="Reference">The bank or booking reference, kept in the history.</param>
public sealed record MoneyRecord(Money Amount, string? Reference = null);
