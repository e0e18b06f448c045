namespace PvoFinance.Applications;

/// <summary>One funding source's money position within an application: the fold of the effects booked on it.</summary>
/// <param name="Source">The funding source's id.</param>
/// <param name="Amounts">Its position.</param>
public sealed record SourcePosition(string Source, ApplicationAmounts Amounts);
