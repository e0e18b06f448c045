using PvoFinance.Ledger;

namespace PvoFinance.Funding;

/// <summary>The rules of the commands that move money through a source: payments, levies, receipts, charges, hours, gifts.</summary>
public static partial class FundingSourceAggregate
{
    /// <summary>Most hundredths of an hour one record of hours in kind holds (10,000.00 hours).</summary>
    public const long MaxCentiHours = 10_000_00;

    /// <summary>
    /// Whether a direct payment may be made. <paramref name="known"/> is the payment recorded before under the same id
    /// (resumed when the same, refused when not); a new one may pay only what this source committed directly to the
    /// region for the year and has not yet paid (<paramref name="committedDirect"/> less <paramref name="paidDirect"/>):
    /// the commitment account also holds what applications' grants committed, and that money is paid through the
    /// application. <paramref name="paymentCount"/> is how many direct payments the source holds.
    /// </summary>
    public static FundingDecision<PayPlan> DecidePay(FundingSourceDefinition? d, string sourceId, string paymentId, string region, int year, long cents,
        DirectPayment? known, long committedDirect, long paidDirect, long paymentCount, Regions.RegionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (d is null)
        {
            return NotFound(sourceId);
        }
        if (KeyError("paymentId", paymentId) is { } badKey)
        {
            return badKey;
        }
        if (YearError(year) is { } bad)
        {
            return bad;
        }
        if (!catalog.IsRegion(region))
        {
            return FundingRefusal.Invalid("region", $"'{region}' is not one of the ten regions.");
        }
        if (cents is <= 0 or > Money.MaxCents)
        {
            return FundingRefusal.Invalid("amount", "A payment is positive.");
        }
        var payment = new DirectPayment(paymentId, region, year, cents, d.Intermediary);
        if (known is not null)
        {
            return known.SameContent(payment)
                ? new PayPlan(known, Resume: true)
                : new FundingRefusal(FundingRefusalCode.IdempotencyConflict, "paymentId", $"Payment '{paymentId}' was already made with different content.");
        }
        if (paymentCount >= FundingSourceLimits.MaxDirectPayments)
        {
            return new FundingRefusal(FundingRefusalCode.LimitExceeded, "paymentId",
                $"Funding source '{sourceId}' keeps at most {FundingSourceLimits.MaxDirectPayments:N0} direct payments; pay further commitments through applications or another source.");
        }
        if (cents > committedDirect - paidDirect)
        {
            return new FundingRefusal(FundingRefusalCode.LimitExceeded, "amount",
                $"More than is committed and unpaid to '{region}' for {year}: {new Money(committedDirect - paidDirect)} of direct commitments is unpaid; grants of applications are paid through the application.");
        }
        return new PayPlan(payment, Resume: false);
    }

    /// <summary>Whether the source may invoice a levy for <paramref name="year"/> at all (before inhabitants are read).</summary>
    public static FundingRefusal? CheckLevy(FundingSourceDefinition? d, string sourceId, int year) =>
        d is null ? NotFound(sourceId)
        : d.Kind != FundingSourceKind.MunicipalLevy ? FundingRefusal.Invalid("kind", "Only a municipal levy invoices municipalities.")
        : YearError(year);

    /// <summary>
    /// The year's levy invoices for <paramref name="participants"/> (inhabitants of <paramref name="referenceYear"/>) and
    /// their entries; <paramref name="issued"/> is what the year was invoiced at before (municipality, cents), if it was:
    /// the same amounts are a retry, other amounts a conflict (single invoices are corrected instead).
    /// </summary>
    public static FundingDecision<LevyPlan> DecideLevy(FundingSourceDefinition d, string sourceId, int year, int referenceYear,
        IReadOnlyList<Regions.Municipality> participants, IReadOnlyList<(string MunicipalityCode, long Cents)>? issued)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (CheckLevy(d, sourceId, year) is { } refused)
        {
            return refused;
        }
        var invoices = LevyInvoicing.Invoice(d.LevyRate!.Value, participants);
        if (issued is not null)
        {
            return issued.SequenceEqual(invoices.Select(i => (i.MunicipalityCode, i.Amount.Cents)))
                ? new LevyPlan(invoices, [], AlreadyInvoiced: true)
                : new FundingRefusal(FundingRefusalCode.Conflict, "year", $"The {year} levy was already invoiced at other amounts; correct single invoices instead.");
        }
        var postings = invoices.Where(i => i.Amount.Cents > 0).Select(i => new FundingPosting(year, $"invoice:{i.MunicipalityCode}",
            Trim($"Levy {year} {i.MunicipalityName}: {i.Inhabitants} inhabitants ({referenceYear}) x {d.LevyRate}")!,
            [new(FundingAccounts.Receivable(sourceId, year, i.MunicipalityCode), i.Amount.Cents), new(FundingAccounts.Budget(sourceId, year), -i.Amount.Cents)],
            i.Amount.Cents)).ToList();
        return new LevyPlan(invoices, postings, AlreadyInvoiced: false);
    }

    /// <summary>
    /// A receipt from a debtor (a municipality code or a project id). The receivable's limit makes the ledger refuse a
    /// receipt larger than what is owed, atomically; a retried receipt is recognised by its key. A receipt booked from a
    /// bank statement keeps the bank's reference in its memo, for the exports (by hand the receipt id is the reference).
    /// </summary>
    public static FundingDecision<FundingPosting> DecideReceipt(FundingSourceDefinition? d, string sourceId, string receiptId, int year, string debtor, long cents, string? bankReference = null)
    {
        if (d is null)
        {
            return NotFound(sourceId);
        }
        if (d.Kind is not (FundingSourceKind.MunicipalLevy or FundingSourceKind.ProjectOverhead))
        {
            return FundingRefusal.Invalid("kind", "Receipts are recorded against levy invoices and overhead charges.");
        }
        if ((KeyError("receiptId", receiptId) ?? YearError(year)) is { } bad)
        {
            return bad;
        }
        if (cents is <= 0 or > Money.MaxCents)
        {
            return FundingRefusal.Invalid("amount", "A receipt is positive.");
        }
        if (string.IsNullOrEmpty(debtor) || !AccountId.TryParse($"receivable:{sourceId}:{year}:{debtor.ToLowerInvariant()}", out var receivable, out _))
        {
            return FundingRefusal.Invalid("debtor", "The debtor is a municipality code (e.g. GM0014) or a project id.");
        }
        return new FundingPosting(year, $"receipt:{receiptId}", Trim(Banking.BankMemo.With($"Received from {debtor}", bankReference))!,
            [new(FundingAccounts.Cash(sourceId, year), cents), new(receivable, -cents)], cents);
    }

    /// <summary>The overhead percentage on a project's costs, rounded once; refused when it rounds to zero.</summary>
    public static FundingDecision<FundingPosting> DecideOverhead(FundingSourceDefinition? d, string sourceId, string chargeId, int year, string projectId, long projectCostCents)
    {
        if (d is null)
        {
            return NotFound(sourceId);
        }
        if (d.Kind != FundingSourceKind.ProjectOverhead)
        {
            return FundingRefusal.Invalid("kind", "Only a project overhead source charges overhead.");
        }
        if ((KeyError("chargeId", chargeId) ?? YearError(year)) is { } bad)
        {
            return bad;
        }
        if (!JournalIds.IsValid(projectId) || projectId.Contains('.'))
        {
            return FundingRefusal.Invalid("projectId", "A project id has 1..100 characters a-z, 0-9, '-', '_'.");
        }
        if (projectCostCents is <= 0 or > Money.MaxCents)
        {
            return FundingRefusal.Invalid("projectCosts", "Project costs are positive.");
        }
        var charge = d.Overhead!.Value.Of(new Money(projectCostCents));
        if (charge.Cents == 0)
        {
            return FundingRefusal.Invalid("projectCosts", "The overhead on these costs rounds to zero.");
        }
        return new FundingPosting(year, $"overhead:{chargeId}", Trim($"Overhead {d.Overhead} on {new Money(projectCostCents)} of project {projectId}")!,
            [new(FundingAccounts.Receivable(sourceId, year, projectId), charge.Cents), new(FundingAccounts.Budget(sourceId, year), -charge.Cents)], charge.Cents);
    }

    /// <summary>Hours in kind × the hourly rate, rounded once to the cent (half away from zero), on memo accounts only.</summary>
    public static FundingDecision<FundingPosting> DecideHours(FundingSourceDefinition? d, string sourceId, string recordId, int year, long centiHours, string? description)
    {
        if (d is null)
        {
            return NotFound(sourceId);
        }
        if (d.Kind != FundingSourceKind.InKind)
        {
            return FundingRefusal.Invalid("kind", "Only an in-kind source records hours.");
        }
        if ((KeyError("recordId", recordId) ?? YearError(year)) is { } bad)
        {
            return bad;
        }
        if (centiHours is <= 0 or > MaxCentiHours)
        {
            return FundingRefusal.Invalid("hours", "Hours are positive, at most 10000.00 in one record.");
        }
        var value = Money.FromCents((long)(((Int128)d.HourlyRate!.Value.Cents * centiHours + 50) / 100));
        return new FundingPosting(year, $"hours:{recordId}", Trim(description) ?? $"{centiHours / 100m} h",
            [new(FundingAccounts.InKind(sourceId, year), value.Cents), new(FundingAccounts.InKindSource(sourceId, year), -value.Cents)], value.Cents);
    }

    /// <summary>A private contribution, in the source's cash and budget.</summary>
    public static FundingDecision<FundingPosting> DecideContribution(FundingSourceDefinition? d, string sourceId, string contributionId, int year, string contributor, long cents)
    {
        if (d is null)
        {
            return NotFound(sourceId);
        }
        if (d.Kind != FundingSourceKind.Private)
        {
            return FundingRefusal.Invalid("kind", "Only a private source records contributions.");
        }
        if ((KeyError("contributionId", contributionId) ?? YearError(year)) is { } bad)
        {
            return bad;
        }
        if (string.IsNullOrWhiteSpace(contributor) || contributor.Length > 120 || contributor.Any(char.IsControl))
        {
            return FundingRefusal.Invalid("contributor", "The contributor's name (1..120 printable characters) is required.");
        }
        if (cents is <= 0 or > Money.MaxCents)
        {
            return FundingRefusal.Invalid("amount", "A contribution is positive.");
        }
        return new FundingPosting(year, $"contribution:{contributionId}", Trim($"Contribution of {contributor}")!,
            [new(FundingAccounts.Cash(sourceId, year), cents), new(FundingAccounts.Budget(sourceId, year), -cents)], cents);
    }
}
