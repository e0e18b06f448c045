using PvoFinance.Api.Ledger;
using PvoFinance.Funding;
using PvoFinance.Grains.Funding;

namespace PvoFinance.Api.Funding;

/// <summary>A funding source as returned.</summary>
public sealed record FundingSourceView(
    string Id, string Name, string Kind, string Owner, string Funder, IReadOnlyList<string> Themes, string? MaxCofinancing,
    string? Intermediary, string? LevyRate, IReadOnlyList<string> Participants, string? Overhead, string? HourlyRate);

/// <summary>A budget year's figures, from the figures module over the ledger (docs/ledger.md, "Figures").</summary>
public sealed record BudgetYearView(int Year, string Ceiling, string Committed, string Paid, string Available, string Invoiced, string Received, string Receivable, string InKind,
    string Released, string Open, string Payable, string ToReclaim, string Reclaimed, string Reserved);

/// <summary>A commitment as returned.</summary>
public sealed record CommitmentView(string CommitmentId, string Region, IReadOnlyDictionary<string, string> Amounts, string? Purpose);

/// <summary>
/// A source with its years, its newest commitments (at most ten, newest first) and how many commitments and direct
/// payments it holds; every commitment is read page by page from <c>GET /api/funding-sources/{id}/commitments</c>.
/// </summary>
public sealed record FundingSourceDetailsView(FundingSourceView Source, IReadOnlyList<BudgetYearView> Years, IReadOnlyList<CommitmentView> Commitments,
    long CommitmentCount, long PaymentCount);

/// <summary>One page of a source's commitments, by id.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="Count">How many commitments on this page.</param>
/// <param name="Commitments">The commitments of this page.</param>
/// <param name="Next">The <c>continuation</c> value that reads the next page; null on the last page.</param>
public sealed record CommitmentPageView(string SourceId, int Count, IReadOnlyList<CommitmentView> Commitments, string? Next);

/// <summary>A levy invoice, with the structured creditor reference (ISO 11649, <c>RF…</c>, see <see cref="PvoFinance.Banking.LevyReference"/>) the municipality pays with.</summary>
public sealed record InvoiceView(string MunicipalityCode, string MunicipalityName, int Inhabitants, int ReferenceYear, string Amount, string Outstanding, string CreditorReference);

/// <summary>A year's levy invoices and their totals.</summary>
public sealed record InvoicesView(string SourceId, int Year, int Count, string Total, string Outstanding, IReadOnlyList<InvoiceView> Invoices);

/// <summary>Maps grain records to views and kind names to and from the API's spelling.</summary>
public static class FundingViews
{
    private static readonly Dictionary<string, FundingSourceKind> Kinds = new(StringComparer.Ordinal)
    {
        ["national-scheme"] = FundingSourceKind.NationalScheme,
        ["provincial-fund"] = FundingSourceKind.ProvincialFund,
        ["municipal-levy"] = FundingSourceKind.MunicipalLevy,
        ["project-overhead"] = FundingSourceKind.ProjectOverhead,
        ["in-kind"] = FundingSourceKind.InKind,
        ["private"] = FundingSourceKind.Private,
    };

    /// <summary>The API names of the kinds.</summary>
    public static IEnumerable<string> KindNames => Kinds.Keys;

    /// <summary>Parses an API kind name.</summary>
    public static bool TryKind(string? name, out FundingSourceKind kind) => Kinds.TryGetValue(name ?? "", out kind);

    /// <summary>The API name of a kind (from the enum name on the wire).</summary>
    public static string KindName(string enumName) => Kinds.FirstOrDefault(k => k.Value.ToString() == enumName).Key ?? enumName;

    /// <summary>A source view.</summary>
    public static FundingSourceView From(FundingSourceDto s) => new(
        s.Id, s.Name, KindName(s.Kind), s.Owner, s.Funder, s.Themes,
        s.MaxCofinancingBasisPoints is { } m ? new Percentage(m).ToString() : null,
        s.Intermediary,
        s.LevyRateTenThousandths is { } r ? new Rate(r).ToString() : null,
        s.Participants,
        s.OverheadBasisPoints is { } o ? new Percentage(o).ToString() : null,
        s.HourlyRateCents is { } h ? LedgerViews.Amount(h) : null);

    /// <summary>A details view.</summary>
    public static FundingSourceDetailsView From(FundingSourceDetailsDto d) => new(
        From(d.Source),
        [.. d.Years.Select(y => new BudgetYearView(y.Year, LedgerViews.Amount(y.Ceiling), LedgerViews.Amount(y.Committed), LedgerViews.Amount(y.Paid),
            LedgerViews.Amount(y.Available), LedgerViews.Amount(y.Invoiced), LedgerViews.Amount(y.Received), LedgerViews.Amount(y.Receivable), LedgerViews.Amount(y.InKind),
            LedgerViews.Amount(y.Released), LedgerViews.Amount(y.Open), LedgerViews.Amount(y.Payable), LedgerViews.Amount(y.ToReclaim), LedgerViews.Amount(y.Reclaimed),
            LedgerViews.Amount(y.Reserved)))],
        [.. d.Commitments.Select(From)], d.CommitmentCount, d.PaymentCount);

    /// <summary>A commitment view.</summary>
    public static CommitmentView From(CommitmentDto c) => new(c.CommitmentId, c.Region,
        c.Amounts.ToDictionary(a => a.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), a => LedgerViews.Amount(a.Value)), c.Purpose);

    /// <summary>An invoices view.</summary>
    public static InvoicesView From(string sourceId, int year, IReadOnlyList<InvoiceDto> invoices) => new(
        sourceId, year, invoices.Count, LedgerViews.Amount(invoices.Sum(i => i.Amount)), LedgerViews.Amount(invoices.Sum(i => i.Outstanding)),
        [.. invoices.Select(i => new InvoiceView(i.MunicipalityCode, i.MunicipalityName, i.Inhabitants, i.ReferenceYear, LedgerViews.Amount(i.Amount), LedgerViews.Amount(i.Outstanding),
            PvoFinance.Banking.LevyReference.For(sourceId, year, i.MunicipalityCode).Value))]);
}
