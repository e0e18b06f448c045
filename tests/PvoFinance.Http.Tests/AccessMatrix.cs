using System.Text;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Who may call which operation, as one declared table: a row per operation of the service (several rows when the
/// answer depends on what the operation is aimed at), a column per kind of caller. <see cref="AccessMatrixTests"/>
/// sends a real request for every cell and checks the answer; the same table is written into docs/access.md.
/// </summary>
/// <remarks>
/// The cells are what the product should do, derived from <c>AccessRules</c> and the docs: read what lies in your
/// reach or what your reach lies in; define what you own; record money in your owner's books or, as a treasurer,
/// in books your reach covers; the ledger administration API, scenarios and the ten-region views are national.
/// The target region is Rotterdam (wholly in Zuid-Holland); "other" is Noord-Nederland and Groningen, which do not
/// touch it.
/// </remarks>
public static class AccessMatrix
{
    /// <summary>The region every row is aimed at.</summary>
    public const string Region = "rotterdam";

    /// <summary>A region that does not touch <see cref="Region"/>'s province.</summary>
    public const string OtherRegion = "noord-nederland";

    /// <summary>The province <see cref="Region"/> lies in (wholly).</summary>
    public const string Province = "Zuid-Holland";

    /// <summary>A province that <see cref="Region"/> does not touch.</summary>
    public const string OtherProvince = "Groningen";

    /// <summary>What a cell expects.</summary>
    public enum Outcome
    {
        /// <summary>Done: a 2xx answer.</summary>
        Allowed,
        /// <summary>401: no token.</summary>
        Unauthenticated,
        /// <summary>403 problem: the caller may see the thing but not do this.</summary>
        Forbidden,
        /// <summary>404 problem: the caller may not even read the thing, so it is answered as if it did not exist (ids of others do not leak).</summary>
        Hidden,
    }

    /// <summary>One kind of caller.</summary>
    public sealed record Column(string Key, string Title, Who Who);

    /// <summary>The columns, in table order.</summary>
    public static readonly Column[] Columns =
    [
        new("anon", "no token", Who.Anonymous),
        new("mgr", $"pvo-manager {Region}", Who.Manager(Region)),
        new("mgr-x", $"pvo-manager {OtherRegion}", Who.Manager(OtherRegion)),
        new("off", $"provincial-officer {Province}", Who.Officer(Province)),
        new("off-x", $"provincial-officer {OtherProvince}", Who.Officer(OtherProvince)),
        new("min", "ministry", Who.Ministry),
        new("tr-n", "treasurer national", Who.Treasurer("national")),
        new("tr-p", $"treasurer province:{Province}", Who.Treasurer($"province:{Province}")),
        new("tr-px", $"treasurer province:{OtherProvince}", Who.Treasurer($"province:{OtherProvince}")),
        new("tr-r", $"treasurer region:{Region}", Who.Treasurer($"region:{Region}")),
        new("tr-rx", $"treasurer region:{OtherRegion}", Who.Treasurer($"region:{OtherRegion}")),
    ];

    /// <summary>One row: an operation as the OpenAPI document names it (<c>METHOD /path</c>), what it is aimed at, and a cell per column.</summary>
    public sealed record Row(string Operation, string Target, Outcome[] Cells);

    // Cells are written as one token per column: "+" allowed, "401", "403", "404"; the patterns below are the
    // rules of AccessRules spelled out for the columns above.
    //                                      anon mgr mgr-x off off-x min tr-n tr-p tr-px tr-r tr-rx
    private const string Everyone /*    */ = "401 +   +     +   +     +   +    +    +     +    +";
    private const string ReadRegion /*  */ = "401 +   403   +   403   +   +    +    403   +    403";
    private const string ReadRegionHid /**/ = "401 +   404   +   404   +   +    +    404   +    404";
    private const string ManageRegion /**/ = "401 +   403   403 403   403 403  403  403   403  403";
    private const string ManageRegionHid = "401 +   404   403 404   403 403  403  404   403  404";
    private const string RecordRegionHid = "401 +   404   403 404   403 +    +    404   +    404";
    private const string RecordRegion /**/ = "401 +   403   403 403   403 +    +    403   +    403";
    private const string ManageProvince = "401 403 403   +   403   403 403  403  403   403  403";
    private const string ManageProvHid /**/ = "401 403 404   +   404   403 403  403  404   403  404";
    private const string RecordProvHid /**/ = "401 403 404   +   404   403 +    +    404   403  404";
    private const string FundTreasurer = "401 403 403   403 403   403 +    +    403   403  403";
    private const string ManageNational = "401 403 403   403 403   +   403  403  403   403  403";
    private const string NationalReach = "401 403 403   403 403   +   +    403  403   403  403";
    private const string TreasurerProvHid = "401 403 404   403 404   403 +    +    404   403  404";
    private const string TreasurerProvNew = "401 403 403   403 403   403 +    +    404   403  404";
    // A notice is in the inboxes of its audience only (an accountability: the region's manager and the treasurers
    // whose books cover the region); to anyone else it answers as if it did not exist.
    private const string NoticeOfRegion = "401 +   404   404 404   404 +    +    404   +    404";

    /// <summary>The table. Every operation of the served OpenAPI document under /api has at least one row.</summary>
    public static readonly Row[] Rows =
    [
        R("POST /api/ledger/journals/{journalId}/entries", "a journal", NationalReach),
        R("GET /api/ledger/journals/{journalId}/entries", "a journal", NationalReach),
        R("GET /api/ledger/journals", "every journal", NationalReach),
        R("GET /api/ledger/journals/{journalId}", "a journal", NationalReach),
        R("GET /api/ledger/journals/{journalId}/balances", "a journal", NationalReach),
        R("GET /api/ledger/journals/{journalId}/verify", "a journal", NationalReach),
        R("POST /api/ledger/transfers/{transferId}", "two journals", NationalReach),
        R("GET /api/ledger/transfers/{transferId}", "a transfer", NationalReach),

        R("GET /api/ping", "the caller itself", Everyone),
        R("POST /auth/session", "the caller's own dashboard cookie", Everyone),

        R("GET /api/regions", "all regions", Everyone),
        R("GET /api/regions/{id}", "the region", ReadRegion),
        R("PUT /api/regions/{id}/profile", "the region", ManageRegion),
        R("GET /api/regions/{id}/population", "the region", ReadRegion),
        R("PUT /api/regions/{id}/population", "the region", ManageNational),

        R("GET /api/funding-sources", "all sources (filtered)", Everyone),
        R("POST /api/funding-sources", "a national scheme", ManageNational),
        R("POST /api/funding-sources", "a provincial fund of the province", ManageProvince),
        R("POST /api/funding-sources", "a private source of the region", ManageRegion),
        R("GET /api/funding-sources/{id}", "a national scheme", Everyone),
        R("GET /api/funding-sources/{id}", "a provincial fund of the province", ReadRegionHid),
        R("GET /api/funding-sources/{id}", "a levy of the region", ReadRegionHid),
        R("PUT /api/funding-sources/{id}", "a national scheme", ManageNational),
        R("PUT /api/funding-sources/{id}", "a provincial fund of the province", ManageProvHid),
        R("PUT /api/funding-sources/{id}", "a private source of the region", ManageRegionHid),
        R("PUT /api/funding-sources/{id}/years/{year}", "a national scheme", ManageNational),
        R("PUT /api/funding-sources/{id}/years/{year}", "a provincial fund of the province", ManageProvHid),
        R("GET /api/funding-sources/{id}/commitments", "a national scheme", Everyone),
        R("GET /api/funding-sources/{id}/commitments", "a provincial fund of the province", ReadRegionHid),
        R("POST /api/funding-sources/{id}/commitments", "a national scheme", ManageNational),
        R("POST /api/funding-sources/{id}/commitments", "a provincial fund of the province", ManageProvHid),
        R("POST /api/funding-sources/{id}/years/{year}/distributions/preview", "a national scheme", Everyone),
        R("POST /api/funding-sources/{id}/years/{year}/distributions/preview", "a provincial fund of the province", ReadRegionHid),
        R("POST /api/funding-sources/{id}/years/{year}/distributions", "a national scheme", ManageNational),
        R("POST /api/funding-sources/{id}/years/{year}/distributions", "a provincial fund of the province", ManageProvHid),
        R("GET /api/funding-sources/{id}/years/{year}/distributions/{distributionId}", "a national scheme", Everyone),
        R("POST /api/funding-sources/{id}/payments", "a national scheme", NationalReach),
        R("POST /api/funding-sources/{id}/payments", "a provincial fund of the province", RecordProvHid),
        R("POST /api/funding-sources/{id}/years/{year}/invoices", "a levy of the region", RecordRegionHid),
        R("GET /api/funding-sources/{id}/years/{year}/invoices", "a levy of the region", ReadRegionHid),
        R("POST /api/funding-sources/{id}/receipts", "a levy of the region", RecordRegionHid),
        R("POST /api/funding-sources/{id}/overhead-charges", "an overhead source of the region", RecordRegionHid),
        R("POST /api/funding-sources/{id}/hours", "an in-kind source of the region", RecordRegionHid),
        R("POST /api/funding-sources/{id}/contributions", "a private source of the region", RecordRegionHid),
        R("GET /api/regions/{regionId}/funding", "the region", ReadRegion),
        R("POST /api/regions/{regionId}/projects/{projectId}/allocations", "a project of the region", ManageRegion),
        R("GET /api/regions/{regionId}/projects/{projectId}/lineage", "a project of the region", ReadRegion),

        R("GET /api/bank-accounts/regions/{id}", "the region", ReadRegion),
        R("PUT /api/bank-accounts/regions/{id}", "the region", RecordRegion),
        R("GET /api/bank-accounts/funding-sources/{id}", "a national scheme", Everyone),
        R("PUT /api/bank-accounts/funding-sources/{id}", "a national scheme", NationalReach),
        R("GET /api/bank-accounts/funding-sources/{id}/intermediary", "a national scheme through the CCV", Everyone),
        R("PUT /api/bank-accounts/funding-sources/{id}/intermediary", "a national scheme through the CCV", NationalReach),
        R("GET /api/bank-accounts/municipalities/{id}", "a municipality of the region", ReadRegion),
        R("GET /api/bank/payment-candidates", "all due items (filtered)", Everyone),
        R("GET /api/bank/payment-batches", "all batches (filtered)", Everyone),
        R("POST /api/bank/payment-batches", "the next advance of a granted application to the provincial fund", TreasurerProvNew),
        R("GET /api/bank/payment-batches/{number}", "a batch paid by the provincial fund", ReadRegionHid),
        R("GET /api/bank/payment-batches/{number}/pain001", "a batch paid by the provincial fund", ReadRegionHid),
        R("POST /api/bank/payment-batches/{number}/cancel", "a batch paid by the provincial fund", TreasurerProvHid),
        R("PUT /api/bank-accounts/municipalities/{id}", "a municipality of the region", RecordRegion),
        R("POST /api/bank/statements", "a statement of a levy account of the region", RecordRegion),
        R("GET /api/bank/statements", "the statements in reach (filtered)", Everyone),
        R("GET /api/bank/statements/{id}", "a statement of a levy account of the region", ReadRegionHid),
        R("POST /api/bank/statements/{id}/lines/{line}/confirm", "a line of a statement of the region", RecordRegionHid),
        R("POST /api/bank/statements/{id}/lines/{line}/assign", "a line of a statement of the region", RecordRegionHid),
        R("GET /api/bank/accounts/{iban}/reconciliation", "a levy account of the region", ReadRegion),

        R("GET /api/applications", "all applications (filtered)", Everyone),
        R("POST /api/applications", "a draft of the region to the provincial fund", ManageRegion),
        R("GET /api/applications/due", "all applications (filtered)", Everyone),
        R("GET /api/applications/{id}", "an application of the region to the provincial fund", ReadRegion),
        R("GET /api/applications/{id}/history", "an application of the region to the provincial fund", ReadRegion),
        R("POST /api/applications/{id}/edit-draft", "a draft of the region", ManageRegion),
        R("POST /api/applications/{id}/submit", "a draft of the region", ManageRegion),
        R("POST /api/applications/{id}/withdraw", "a draft of the region", ManageRegion),
        R("POST /api/applications/{id}/start-review", "a submitted application", ManageProvince),
        R("POST /api/applications/{id}/extend-decision-term", "a submitted application", ManageProvince),
        R("POST /api/applications/{id}/request-information", "an application under review", ManageProvince),
        R("POST /api/applications/{id}/supply-information", "an application awaiting information", ManageRegion),
        R("POST /api/applications/{id}/grant", "an application under review", ManageProvince),
        R("POST /api/applications/{id}/reject", "an application under review", ManageProvince),
        R("POST /api/applications/{id}/pay-advance", "a granted application", FundTreasurer),
        R("POST /api/applications/{id}/request-amendment", "a granted application", ManageRegion),
        R("POST /api/applications/{id}/approve-amendment", "an application with an amendment asked", ManageProvince),
        R("POST /api/applications/{id}/refuse-amendment", "an application with an amendment asked", ManageProvince),
        R("POST /api/applications/{id}/submit-accountability", "a granted application", ManageRegion),
        R("POST /api/applications/{id}/determine", "an accounted application", ManageProvince),
        R("POST /api/applications/{id}/record-payment", "a determination with money still due", FundTreasurer),
        R("POST /api/applications/{id}/record-reclaim", "a determination with money to reclaim", FundTreasurer),
        R("POST /api/applications/{id}/revoke", "a granted application", ManageProvince),
        R("POST /api/applications/{id}/close", "a rejected application", ManageProvince),
        R("POST /api/applications/{id}/lodge-objection", "a rejected application", ManageRegion),
        R("GET /api/applications/{id}/letters", "a rejected application", ReadRegion),
        R("GET /api/applications/{id}/letters/{file}", "a rejected application", ReadRegion),
        R("GET /api/applications/{id}/documents", "a granted application", ReadRegion),
        R("GET /api/applications/{id}/documents/{documentId}", "a granted application", ReadRegion),
        R("POST /api/applications/{id}/documents", "a granted application", ManageRegion),
        R("POST /api/applications/{id}/extend-objection-term", "an application with an objection", ManageProvince),
        R("POST /api/applications/{id}/decide-objection", "an application with an objection", ManageProvince),

        R("GET /api/exports/{file}", "transactions.csv of the region", ReadRegion),
        R("POST /api/exports/{export}/verify", "transactions.csv of the region", ReadRegion),

        R("GET /api/planning/regions/{regionId}/projection", "the region", ReadRegion),
        R("GET /api/planning/regions/{regionId}/projection.csv", "the region", ReadRegion),
        R("GET /api/planning/scenarios", "all scenarios", NationalReach),
        R("POST /api/planning/scenarios", "a new scenario", ManageNational),
        R("GET /api/planning/scenarios/{id}", "a scenario", NationalReach),
        R("PUT /api/planning/scenarios/{id}", "a scenario", ManageNational),
        R("GET /api/planning/scenarios/{id}/versions", "a scenario", NationalReach),
        R("GET /api/planning/comparison", "the ten regions", NationalReach),
        R("POST /api/planning/solve", "the ten regions", NationalReach),

        R("GET /api/notices", "the caller's own inbox", Everyone),
        R("POST /api/notices/{id}/read", "an accountability notice of the region", NoticeOfRegion),
        R("POST /api/notices/sweep", "the ten regions", ManageNational),
    ];

    /// <summary>Operations of the OpenAPI document outside /api, with what they do.</summary>
    public static readonly (string Operation, string Behaviour)[] OutsideApi =
    [
        ("POST /dev/token", "anyone, in Development only: a signed token for the role in the body (elsewhere a 404 problem saying to sign in through the OIDC issuer)"),
        ("GET /dev/clock", "anyone, in Development only: the service's time and whether tests may move it (elsewhere a 404 problem)"),
        ("POST /dev/clock", "anyone, in Development with PVO_CLOCK=settable only: moves the service's clock forward for tests (otherwise a 404 problem)"),
        ("GET /auth/config", "anyone: which sign-in the pages use (development tokens, the OIDC issuer, or none configured)"),
        ("DELETE /auth/session", "anyone: clears the dashboard's cookie, so signing out works with an expired token"),
        // Reachable only once a term has passed, which this table's service (real time) cannot do; their roles are tested by the
        // core's RoleMatrixTests, the cluster's ApplicationPenaltyTests and, over HTTP on a service whose clock the tests move
        // (PVO_CLOCK=settable), ApplicationPenaltyClockTests.
        ("POST /api/applications/{id}/give-notice-of-default", "the PVO-manager of the region, after the decision term passed (Awb 4:17)"),
        ("POST /api/applications/{id}/decide-penalty", "the fund's owner, once the penalty stopped running (Awb 4:18)"),
        ("POST /api/applications/{id}/pay-penalty", "a treasurer of the fund who did not decide the penalty, once it is decided"),
    ];

    /// <summary>A request outside the table's operations, who sends it (null: no token), and the status it gets.</summary>
    public sealed record Surrounding(string Method, string Path, Who? Token, int Status, string Why);

    /// <summary>What lies around /api: pages, health, the OpenAPI document, unknown routes. Checked by <see cref="AccessMatrixTests"/>.</summary>
    public static readonly Surrounding[] Surroundings =
    [
        new("POST", "/dev/token", null, 200, "Development: a token for `{\"role\":\"ministry\"}`"),
        new("GET", "/auth/config", null, 200, "the landing page asks it before anyone is signed in"),
        new("DELETE", "/auth/session", null, 204, "signing out clears the cookie without a token"),
        new("GET", "/", null, 200, "the landing page; every page (`/manager.html`, …) is a plain file, the data comes from /api with the caller's token"),
        new("GET", "/manager.html", null, 200, "a role's page"),
        new("GET", "/js/app.js", null, 200, "a script of the pages"),
        new("GET", "/health", null, 200, "the state of the silo, cluster and storage checks (a count of silos, an exception's type name), nothing of the configuration"),
        new("GET", "/openapi/v1.json", null, 200, "the OpenAPI document"),
        new("GET", "/dashboard/", null, 401, "the Orleans dashboard (not in the OpenAPI document) needs a token or the session cookie"),
        new("GET", "/dashboard/", Who.Treasurer("national"), 403, "… and the ministry's role: a national treasurer may not see it"),
        new("GET", "/dashboard/", Who.Ministry, 200, "the ministry sees it"),
        new("GET", "/api/no-such-thing", null, 401, "deny by default: without a token an unknown route looks like a known one, so routes cannot be probed"),
        new("GET", "/no-such-page.html", null, 401, "the same outside /api: only the files that exist are open"),
        new("GET", "/api/no-such-thing", Who.Ministry, 404, "with a token: a 404 problem"),
    ];

    private static Row R(string operation, string target, string cells) => new(operation, target, Parse(cells));

    private static Outcome[] Parse(string cells)
    {
        var tokens = cells.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return
        [
            .. tokens.Select(t => t switch
            {
                "+" => Outcome.Allowed,
                "401" => Outcome.Unauthenticated,
                "403" => Outcome.Forbidden,
                "404" => Outcome.Hidden,
                _ => throw new ArgumentException($"Unknown cell '{t}' in '{cells}'."),
            }),
        ];
    }

    /// <summary>The table as Markdown, for docs/access.md.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append("| operation | aimed at |");
        foreach (var c in Columns)
        {
            text.Append(' ').Append(c.Key).Append(" |");
        }
        text.Append("\n|---|---|").Append(string.Concat(Enumerable.Repeat(":-:|", Columns.Length))).Append('\n');
        foreach (var row in Rows)
        {
            text.Append("| `").Append(row.Operation).Append("` | ").Append(row.Target).Append(" |");
            foreach (var cell in row.Cells)
            {
                text.Append(' ').Append(Symbol(cell)).Append(" |");
            }
            text.Append('\n');
        }
        text.Append('\n').Append("Columns: ");
        text.AppendJoin("; ", Columns.Select(c => $"`{c.Key}` {c.Title}"));
        text.Append(".\n\nOutside `/api`:\n\n");
        foreach (var (operation, behaviour) in OutsideApi)
        {
            text.Append("- `").Append(operation).Append("`: ").Append(behaviour).Append('\n');
        }
        text.Append("\n| request | token of | status | why |\n|---|:-:|:-:|---|\n");
        foreach (var s in Surroundings)
        {
            text.Append("| `").Append(s.Method).Append(' ').Append(s.Path).Append("` | ").Append(s.Token?.Key ?? "none").Append(" | ")
                .Append(s.Status).Append(" | ").Append(s.Why).Append(" |\n");
        }
        return text.ToString();
    }

    private static string Symbol(Outcome outcome) => outcome switch
    {
        Outcome.Allowed => "✓",
        Outcome.Unauthenticated => "401",
        Outcome.Forbidden => "403",
        _ => "404",
    };
}
