using PvoFinance.Ledger;

namespace PvoFinance.Funding;

/// <summary>
/// Where a source's money lives in the ledger. Each budget year of a source is its own journal, so a
/// ceiling is enforced by one single writer; every account name carries the source id, so the source of
/// any euro can be read off the account it sits on, all the way to a project (lineage).
/// </summary>
public static class FundingAccounts
{
    /// <summary>The journal of a source's budget year: <c>source.&lt;id&gt;.&lt;year&gt;</c>.</summary>
    public static string Journal(string sourceId, int year) => $"source.{sourceId}.{year}";

    /// <summary>The journal of a region: <c>region.&lt;id&gt;</c>.</summary>
    public static string RegionJournal(string regionId) => $"region.{regionId}";

    /// <summary>The journal of an intermediary that passes money on: <c>intermediary.&lt;id&gt;</c>.</summary>
    public static string IntermediaryJournal(string intermediary) => $"intermediary.{intermediary}";

    /// <summary>The journal of a project of a region: <c>project.&lt;region&gt;.&lt;project&gt;</c>.</summary>
    public static string ProjectJournal(string regionId, string projectId) => $"project.{regionId}.{projectId}";

    /// <summary>Where the year's ceiling comes from.</summary>
    public static AccountId Appropriation(string sourceId, int year) => Of(AccountKind.Appropriation, sourceId, year);

    /// <summary>What is still available under the year's ceiling (the subsidieplafond).</summary>
    public static AccountId Budget(string sourceId, int year) => Of(AccountKind.Budget, sourceId, year);

    /// <summary>What the source has committed to a region for the year and not yet paid.</summary>
    public static AccountId Commitment(string sourceId, int year, string regionId) => Of(AccountKind.Commitment, sourceId, year, regionId);

    /// <summary>What a debtor (a municipality code in lower case, or a project) still owes the source for the year.</summary>
    public static AccountId Receivable(string sourceId, int year, string debtor) => Of(AccountKind.Receivable, sourceId, year, debtor.ToLowerInvariant());

    /// <summary>Money the source holds for the year (levy receipts, private contributions).</summary>
    public static AccountId Cash(string sourceId, int year) => Of(AccountKind.Cash, sourceId, year);

    /// <summary>The value of hours given in kind for the year (memo).</summary>
    public static AccountId InKind(string sourceId, int year) => Of(AccountKind.InKind, sourceId, year);

    /// <summary>The provider's side of hours given in kind (memo).</summary>
    public static AccountId InKindSource(string sourceId, int year) => Of(AccountKind.InKindSource, sourceId, year);

    /// <summary>In an intermediary's journal: what it holds of a source for a region, to pass on.</summary>
    public static AccountId PassThrough(string intermediary, string sourceId, string regionId) =>
        AccountId.Of(AccountKind.Payable, intermediary, sourceId, regionId);

    /// <summary>In a region's journal: the region's funds from one source.</summary>
    public static AccountId RegionFunds(string regionId, string sourceId) => AccountId.Of(AccountKind.Region, regionId, sourceId);

    /// <summary>In a project's journal: the project's funds from one source.</summary>
    public static AccountId ProjectFunds(string projectId, string sourceId) => AccountId.Of(AccountKind.Project, projectId, sourceId);

    private static AccountId Of(AccountKind kind, string sourceId, int year, params string[] more) =>
        AccountId.Of(kind, [sourceId, year.ToString(System.Globalization.CultureInfo.InvariantCulture), .. more]);
}
