using NodaTime;

namespace PvoFinance.Applications;

/// <summary>
/// The legal terms of a subsidy file, as calendar dates in Europe/Amsterdam (a term ends at the end of its
/// due day there, whatever the server's zone). Defaults follow the Awb; a scheme may set other terms where
/// the law lets it.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Decision on the application: 8 weeks after the complete submission (Awb 4:13 lid 2), once extendable
/// with a reason (4:14 lid 3); suspended while information is awaited (4:15); an end on a weekend or general holiday
/// moves to the next working day (Algemene termijnenwet, <see cref="Deadlines.WithDecisionTerm"/>).</item>
/// <item>Accountability: the date set in the grant (Awb 4:44 lid 1).</item>
/// <item>Final determination: default 22 weeks after the accountability (practice of the Rijk's funds, not the Awb).</item>
/// <item>Payment: 6 weeks after the determination (Awb 4:52 lid 2 → 4:87 lid 1).</item>
/// <item>Adverse change of a determination and reclaim: barred 5 years after the determination (Awb 4:49 lid 3, 4:57 lid 4).</item>
/// </list>
/// </remarks>
public sealed record LegalClocks
{
    /// <summary>The zone in which every legal date is counted.</summary>
    public static DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>The Awb defaults.</summary>
    public static LegalClocks Default { get; } = new();

    /// <summary>The longest term accepted for any setting, in weeks: ten years, far beyond any legal term.</summary>
    public const int MaxWeeks = 520;

    /// <summary>Creates clock settings; every term must be positive and bounded.</summary>
    public LegalClocks(int decisionWeeks = 8, int maxDecisionExtensionWeeks = 8, int determinationWeeks = 22, int paymentWeeks = 6, int limitationYears = 5)
    {
        Check(decisionWeeks, nameof(decisionWeeks));
        Check(maxDecisionExtensionWeeks, nameof(maxDecisionExtensionWeeks));
        Check(determinationWeeks, nameof(determinationWeeks));
        Check(paymentWeeks, nameof(paymentWeeks));
        if (limitationYears is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(limitationYears), "1..10 years.");
        }
        DecisionWeeks = decisionWeeks;
        MaxDecisionExtensionWeeks = maxDecisionExtensionWeeks;
        DeterminationWeeks = determinationWeeks;
        PaymentWeeks = paymentWeeks;
        LimitationYears = limitationYears;
    }

    /// <summary>Weeks from a complete submission to the decision due date.</summary>
    public int DecisionWeeks { get; }

    /// <summary>The longest single extension of the decision term, in weeks.</summary>
    public int MaxDecisionExtensionWeeks { get; }

    /// <summary>Weeks from the accountability to the determination due date.</summary>
    public int DeterminationWeeks { get; }

    /// <summary>Weeks from the determination to the payment due date.</summary>
    public int PaymentWeeks { get; }

    /// <summary>Years after the determination from which revocation and reclaim are barred.</summary>
    public int LimitationYears { get; }

    /// <summary>The calendar day of an instant in Amsterdam.</summary>
    public static LocalDate Today(Instant now) => now.InZone(Zone).Date;

    /// <summary>The calendar end of the decision term of an application submitted on <paramref name="submitted"/> (before the Algemene termijnenwet).</summary>
    public LocalDate DecisionDue(LocalDate submitted) => submitted.PlusWeeks(DecisionWeeks);

    /// <summary>When the determination is due after an accountability submitted on <paramref name="accounted"/>.</summary>
    public LocalDate DeterminationDue(LocalDate accounted) => accounted.PlusWeeks(DeterminationWeeks);

    /// <summary>When what is still due after a determination on <paramref name="determined"/> must be paid.</summary>
    public LocalDate PaymentDue(LocalDate determined) => determined.PlusWeeks(PaymentWeeks);

    /// <summary>
    /// The first day on which a determination of <paramref name="determined"/> can no longer be revoked or changed
    /// to the recipient's disadvantage, nor money be reclaimed. 29 February plus years lands on 28 February.
    /// </summary>
    public LocalDate BarredFrom(LocalDate determined) => determined.PlusYears(LimitationYears);

    /// <summary>True when <paramref name="today"/> is still before the bar of a determination on <paramref name="determined"/>.</summary>
    public bool WithinLimitation(LocalDate determined, LocalDate today) => today < BarredFrom(determined);

    private static void Check(int weeks, string name)
    {
        if (weeks is < 1 or > MaxWeeks)
        {
            throw new ArgumentOutOfRangeException(name, $"1..{MaxWeeks} weeks.");
        }
    }
}
