using NodaTime;

namespace PvoFinance.Applications;

/// <summary>
/// The dated table of objection and late-decision rules (<see cref="AwbTermsVersion"/>). A date is judged by the
/// newest version valid on it; add a row when the law changes, never edit one that files were judged by.
/// </summary>
/// <remarks>
/// Which date picks the version: the day a decision was made known for its objection term and the decision term on
/// the objection; the penalty's first day for the penalty. The Algemene termijnenwet (a term ending on a Saturday,
/// Sunday or general holiday runs to the next working day, <see cref="AlgemeneTermijnenwet"/>) applies to the objection
/// term and the term for the decision on the objection, as the letters state them; never to the 42 penalty days (Awb
/// 4:17 lid 1). The decision term on the application (Awb 4:13) is still shown as its calendar date.
/// </remarks>
public static class AwbTerms
{
    /// <summary>The versions, oldest first.</summary>
    public static IReadOnlyList<AwbTermsVersion> Versions { get; } =
    [
        // Wet dwangsom en beroep bij niet tijdig beslissen (Stb. 2009, 383), in force 1 October 2009, with the daily
        // amounts as Awb 4:17 lid 2 reads now (€ 23 / € 35 / € 45). Earlier amounts are not entered: no file here predates them.
        new(new LocalDate(2009, 10, 1),
            "Awb 6:7, 6:8 lid 1 (objection term); 7:10 lid 1 and 3, 7:13 (decision on objection); 4:17 lid 1-3, 4:18 (penalty for a late decision; Stb. 2009, 383)",
            ObjectionTermWeeks: 6,
            ObjectionDecisionWeeks: 6,
            ObjectionDecisionWeeksWithCommittee: 12,
            ObjectionExtensionWeeks: 6,
            PenaltyGraceDays: 14,
            PenaltyBands: [new(1, 14, new Money(23_00)), new(15, 28, new Money(35_00)), new(29, 42, new Money(45_00))],
            PenaltyDecisionDays: 14),
    ];

    /// <summary>The version in force on <paramref name="day"/> (the oldest for a day before every version).</summary>
    public static AwbTermsVersion At(LocalDate day) => At(Versions, day);

    /// <summary>The version of <paramref name="versions"/> (oldest first) in force on <paramref name="day"/>.</summary>
    public static AwbTermsVersion At(IReadOnlyList<AwbTermsVersion> versions, LocalDate day)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var chosen = versions[0];
        foreach (var v in versions)
        {
            if (v.ValidFrom <= day)
            {
                chosen = v;
            }
        }
        return chosen;
    }
}
