namespace PvoFinance.Api.Ledger;

/// <summary>One page of journal ids, in ordinal order.</summary>
/// <param name="Journals">The ids on this page.</param>
/// <param name="Next">The <c>after</c> value for the next page; null on the last page.</param>
public sealed record JournalListView(IReadOnlyList<string> Journals, string? Next);
