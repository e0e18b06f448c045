namespace PvoFinance.Applications;

/// <summary>A treasurer's record that the next scheduled advance was paid.</summary>
/// <param name="Amount">The amount paid; must equal the next scheduled advance.</param>
/// <param name="Reference">The bank or booking reference, kept in the history.</param>
public sealed record AdvancePayment(Money Amount, string? Reference = null);
