namespace PvoFinance.Funding;

/// <summary>A commitment of a source to a region: an amount per budget year, all years or none.</summary>
/// <param name="Id">The caller's id; the same id with the same content is the same commitment.</param>
/// <param name="Region">The region committed to.</param>
/// <param name="Amounts">Cents per year, by year.</param>
/// <param name="Purpose">What it is for, at most <see cref="FundingSourceLimits.MaxPurposeChars"/> characters.</param>
public sealed record Commitment(string Id, string Region, IReadOnlyDictionary<int, long> Amounts, string? Purpose)
{
    /// <summary>True when <paramref name="other"/> commits the same amounts to the same region for the same purpose.</summary>
    public bool SameContent(Commitment other) =>
        other is not null && Region == other.Region && Purpose == other.Purpose
        && Amounts.OrderBy(a => a.Key).SequenceEqual(other.Amounts.OrderBy(a => a.Key));
}

/// <summary>A direct payment of a source to a region from one budget year's commitment account.</summary>
/// <param name="Id">The caller's id (a bank order's reference); the same id pays once.</param>
/// <param name="Region">The region paid.</param>
/// <param name="Year">The budget year paid from.</param>
/// <param name="Cents">The amount.</param>
/// <param name="Via">The intermediary that passes the money on, or null for a payment straight to the region.</param>
public sealed record DirectPayment(string Id, string Region, int Year, long Cents, string? Via)
{
    /// <summary>True when <paramref name="other"/> pays the same amount to the same region from the same year.</summary>
    public bool SameContent(DirectPayment other) => other is not null && Region == other.Region && Year == other.Year && Cents == other.Cents;
}

/// <summary>What a commit command leads to: a commitment to reserve and post, or the answer of one already made.</summary>
/// <param name="Commitment">The commitment.</param>
/// <param name="AlreadyMade">True when this id was made before with the same content: nothing is booked again.</param>
public sealed record CommitPlan(Commitment Commitment, bool AlreadyMade);

/// <summary>What a pay command leads to: a payment to record and move, or one recorded before to resume.</summary>
/// <param name="Payment">The payment.</param>
/// <param name="Resume">True when this id was recorded before with the same content: its transfers are resumed, not counted again.</param>
public sealed record PayPlan(DirectPayment Payment, bool Resume);

/// <summary>What a levy command leads to: the invoices to book, or the answer of the year already invoiced.</summary>
/// <param name="Invoices">The invoices, one per participating municipality.</param>
/// <param name="Postings">The entries to book (invoices of zero book nothing); empty when already invoiced.</param>
/// <param name="AlreadyInvoiced">True when the year was invoiced before at the same amounts.</param>
public sealed record LevyPlan(IReadOnlyList<LevyInvoice> Invoices, IReadOnlyList<FundingPosting> Postings, bool AlreadyInvoiced);
