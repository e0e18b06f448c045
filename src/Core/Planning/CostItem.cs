namespace PvoFinance.Planning;

/// <summary>The cost lines of a projection, in report order.</summary>
public enum CostItem
{
    /// <summary>The PVO-manager: FTE × cost per FTE, indexed.</summary>
    Manager,
    /// <summary>The CCV adviser: days per week × weeks per year × day cost, indexed.</summary>
    CcvAdviser,
    /// <summary>The project pipeline (awareness evenings, trainings, scans, quality marks), indexed.</summary>
    Projects,
}

/// <summary>What is given in kind and valued at cost, reported apart from cash (it still covers costs).</summary>
public enum InKindItem
{
    /// <summary>The PVO-manager's hours when the police, a municipality or the CCV provide them.</summary>
    Manager,
    /// <summary>The CCV adviser, provided by the ministry through the CCV.</summary>
    CcvAdviser,
}

/// <summary>Names of cost and in-kind lines.</summary>
public static class CostItems
{
    /// <summary>How many cost lines there are.</summary>
    public const int Count = 3;

    /// <summary>How many in-kind lines there are.</summary>
    public const int InKindCount = 2;

    /// <summary>The API name of a cost line.</summary>
    public static string Name(CostItem item) => item switch
    {
        CostItem.Manager => "pvo-manager",
        CostItem.CcvAdviser => "ccv-adviser",
        _ => "projects",
    };

    /// <summary>The API name of an in-kind line.</summary>
    public static string Name(InKindItem item) => item == InKindItem.Manager ? "pvo-manager-hours" : "ccv-adviser";
}
