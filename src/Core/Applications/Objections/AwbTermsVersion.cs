using NodaTime;

namespace PvoFinance.Applications;

/// <summary>
/// The objection and late-decision rules of the Awb as they read from <see cref="ValidFrom"/>: one row of
/// <see cref="AwbTerms.Versions"/>. Kept as data with their legal source, because the law changes over time and a
/// file is judged by the text in force on its own dates.
/// </summary>
/// <param name="ValidFrom">The first day this text applies.</param>
/// <param name="Source">Where the rules come from (articles and publication).</param>
/// <param name="ObjectionTermWeeks">Weeks to lodge an objection, from the day after the decision was made known (Awb 6:7, 6:8 lid 1).</param>
/// <param name="ObjectionDecisionWeeks">Weeks to decide on an objection, from the day after the objection term ended (Awb 7:10 lid 1).</param>
/// <param name="ObjectionDecisionWeeksWithCommittee">The same with an advisory committee (Awb 7:10 lid 1, 7:13).</param>
/// <param name="ObjectionExtensionWeeks">The one extension of that term (Awb 7:10 lid 3).</param>
/// <param name="PenaltyGraceDays">Days after the notice of default is received (and the term passed) before the penalty runs (Awb 4:17 lid 3).</param>
/// <param name="PenaltyBands">The daily amounts (Awb 4:17 lid 2); the last band's end is the maximum number of days (lid 1).</param>
/// <param name="PenaltyDecisionDays">Days after the last day owed within which the amount is decided (Awb 4:18).</param>
public sealed record AwbTermsVersion(
    LocalDate ValidFrom,
    string Source,
    int ObjectionTermWeeks,
    int ObjectionDecisionWeeks,
    int ObjectionDecisionWeeksWithCommittee,
    int ObjectionExtensionWeeks,
    int PenaltyGraceDays,
    IReadOnlyList<PenaltyBand> PenaltyBands,
    int PenaltyDecisionDays)
{
    /// <summary>The most days a penalty runs (Awb 4:17 lid 1: 42).</summary>
    public int PenaltyMaxDays => PenaltyBands[^1].ToDay;

    /// <summary>The most a penalty can come to (the sum over every band: € 1,442.00 under the text of 2009).</summary>
    public Money PenaltyMaximum => PenaltyFor(PenaltyMaxDays);

    /// <summary>The penalty owed for <paramref name="days"/> days in default, capped at <see cref="PenaltyMaxDays"/>; none for zero or fewer.</summary>
    public Money PenaltyFor(int days)
    {
        var total = Money.Zero;
        foreach (var band in PenaltyBands)
        {
            var inBand = Math.Min(days, band.ToDay) - band.FromDay + 1;
            if (inBand > 0)
            {
                total += new Money(band.Daily.Cents * inBand);
            }
        }
        return total;
    }

    /// <summary>
    /// The last day an objection to a decision made known on <paramref name="madeKnown"/> may be lodged: six weeks from the
    /// day after, moved to the next working day when it ends on a weekend or holiday (<see cref="AlgemeneTermijnenwet"/>).
    /// </summary>
    public LocalDate ObjectionTermEnds(LocalDate madeKnown) => AlgemeneTermijnenwet.Extend(madeKnown.PlusWeeks(ObjectionTermWeeks));
}
