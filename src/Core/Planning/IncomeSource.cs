namespace PvoFinance.Planning;

/// <summary>
/// The cash income lines of a projection, in the fixed order every report, CSV and split uses. In-kind value is
/// never one of them: it is reported apart (<see cref="InKindItem"/>).
/// </summary>
public enum IncomeSource
{
    /// <summary>Ministry project subsidies (national schemes): what is committed in the ledger, at least the status-quo assumption.</summary>
    RijkScheme,
    /// <summary>The Rijk's binding amount per inhabitant (per-inhabitant mandate).</summary>
    RijkPerInhabitant,
    /// <summary>The ministry's co-financing with bonus/malus (or its share of a fixed, budget-neutral pot).</summary>
    RijkCoFinancing,
    /// <summary>The province's funds: what is committed in the ledger (multi-year commitments included), at least the assumption.</summary>
    Province,
    /// <summary>The province's binding amount per inhabitant (per-inhabitant mandate).</summary>
    ProvincePerInhabitant,
    /// <summary>The municipalities' contribution per inhabitant (status-quo levy, or the mandated amount).</summary>
    MunicipalLevy,
    /// <summary>Overhead charged on the project pipeline.</summary>
    ProjectOverhead,
    /// <summary>Business associations and sponsors.</summary>
    Private,
}

/// <summary>Who pays an income line, for the ministry's view (dependence on the Rijk, share per party).</summary>
public enum Payer
{
    /// <summary>The ministry (J&amp;V), directly or through the CCV.</summary>
    Rijk,
    /// <summary>A province.</summary>
    Province,
    /// <summary>The region's municipalities.</summary>
    Municipalities,
    /// <summary>The region's own projects (overhead).</summary>
    Projects,
    /// <summary>Entrepreneurs and sector organisations.</summary>
    Private,
}

/// <summary>Facts about the income lines that do not depend on a scenario.</summary>
public static class IncomeSources
{
    /// <summary>Every line in report order.</summary>
    public static IReadOnlyList<IncomeSource> All { get; } = Enum.GetValues<IncomeSource>();

    /// <summary>How many lines there are; arrays of figures are this wide.</summary>
    public const int Count = 8;

    /// <summary>The API name of a line, e.g. <c>rijk-scheme</c>.</summary>
    public static string Name(IncomeSource source) => source switch
    {
        IncomeSource.RijkScheme => "rijk-scheme",
        IncomeSource.RijkPerInhabitant => "rijk-per-inhabitant",
        IncomeSource.RijkCoFinancing => "rijk-co-financing",
        IncomeSource.Province => "province",
        IncomeSource.ProvincePerInhabitant => "province-per-inhabitant",
        IncomeSource.MunicipalLevy => "municipal-levy",
        IncomeSource.ProjectOverhead => "project-overhead",
        _ => "private",
    };

    /// <summary>Who pays the line.</summary>
    public static Payer PayerOf(IncomeSource source) => source switch
    {
        IncomeSource.RijkScheme or IncomeSource.RijkPerInhabitant or IncomeSource.RijkCoFinancing => Payer.Rijk,
        IncomeSource.Province or IncomeSource.ProvincePerInhabitant => Payer.Province,
        IncomeSource.MunicipalLevy => Payer.Municipalities,
        IncomeSource.ProjectOverhead => Payer.Projects,
        _ => Payer.Private,
    };

    /// <summary>
    /// Earmarked money may only be spent on what it was granted for: ministry project subsidies (national themes,
    /// DOMAIN.md "Less earmarking") and provincial commitments (granted on an implementation plan). Per-inhabitant
    /// amounts, co-financing, levies, overhead and private money are free for regional and local needs.
    /// </summary>
    public static bool IsEarmarked(IncomeSource source) => source is IncomeSource.RijkScheme or IncomeSource.Province;
}
