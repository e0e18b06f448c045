namespace PvoFinance.Banking;

/// <summary>
/// An open levy invoice as the matcher sees it: its creditor reference is derived (<see cref="LevyReference"/>), so
/// the invoices a funding source lists are enough to match the statement without a lookup table.
/// </summary>
/// <param name="SourceId">The municipal levy source.</param>
/// <param name="Year">The budget year invoiced.</param>
/// <param name="MunicipalityCode">The municipality invoiced (its CBS code, e.g. <c>GM0983</c>) — the receipt's debtor.</param>
/// <param name="Outstanding">What is still owed.</param>
/// <param name="PayerIban">The municipality's known account, or null.</param>
public sealed record MatchLevyReceivable(string SourceId, int Year, string MunicipalityCode, Money Outstanding, Iban? PayerIban)
{
    /// <summary>The id the matcher names it by: source, year and municipality.</summary>
    public string Id => $"{SourceId}/{Year}/{MunicipalityCode}";

    /// <summary>The reference printed on the invoice.</summary>
    public CreditorReference Reference => LevyReference.For(SourceId, Year, MunicipalityCode);

    /// <summary>The invoice as an open receivable for <see cref="StatementMatcher"/>.</summary>
    public OpenReceivable ToOpen() => new(Id, Reference, PayerIban, Outstanding);
}
