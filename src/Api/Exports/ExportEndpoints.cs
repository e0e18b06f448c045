using System.IO.Pipelines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Access;
using PvoFinance.Api.Auth;
using PvoFinance.Api.Problems;
using PvoFinance.Exports;
using PvoFinance.Grains.Contracts;

namespace PvoFinance.Api.Exports;

/// <summary>
/// Treasurer exports: <c>transactions.csv</c>, <c>projects.csv</c>, <c>grants-360giving.csv</c> and <c>budgets.csv</c> (plan
/// beside actual per region, source and fiscal year) for a scope, period
/// and as-of date, streamed; each with a JSON manifest (<c>…manifest.json</c>) and a verification of a file against
/// the ledger (<c>POST …/verify</c>). The same query as of the same date always gives the same bytes.
/// </summary>
public static class ExportEndpoints
{
    /// <summary>The largest file <c>verify</c> accepts.</summary>
    public const long MaxVerifyBytes = 256L * 1024 * 1024;

    private static readonly string[] Names = ["transactions", "projects", "grants-360giving", "budgets"];

    /// <summary>Maps the export endpoints under <c>/exports</c>.</summary>
    public static RouteGroupBuilder MapExportsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/exports").WithTags("Exports");
        group.MapGet("/{file}", Download)
            .WithSummary("An export as CSV: transactions.csv, projects.csv, grants-360giving.csv or budgets.csv; or its manifest: transactions.manifest.json, ….")
            .WithDescription("Query: scope (national, province:<name>, region:<id>; default the caller's reach, never beyond it), from and to (value dates; for budgets.csv fiscal years, default five years from the asOf year), asOf (the ledger as it stood at the end of that day, Europe/Amsterdam; default today), dialect (canonical: RFC 4180, '.' decimals; excel-nl: ';', ',' decimals, BOM); for budgets.csv also scenario (default status-quo) and version (default the latest). Text that a spreadsheet would run as a formula is neutralised.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces<ExportManifest>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{export}/verify", Verify)
            .WithSummary("Check a CSV file against the ledger: the same export regenerated as of the same date, account totals against the ledger's balances, and the hash chains; reports the first difference.")
            .Accepts<string>("text/csv")
            .Produces<ExportVerification>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return group;
    }

    private static async Task<IResult> Download(string file, HttpContext http, CurrentCaller caller, AccessRules rules, IClock clock, IGrainFactory grains)
    {
        var (name, manifest) = file.EndsWith(".manifest.json", StringComparison.Ordinal) ? (file[..^".manifest.json".Length], true)
            : file.EndsWith(".csv", StringComparison.Ordinal) ? (file[..^".csv".Length], false)
            : ("", false);
        if (!Names.Contains(name))
        {
            return ApiProblems.NotFound("file", $"No export '{file}'; known: {string.Join(", ", Names.Select(n => n + ".csv"))} and their .manifest.json.");
        }
        var (query, budget, problem) = await ReadQueryAsync(name, http.Request, caller, rules, clock, grains);
        if (problem is not null)
        {
            return problem;
        }
        if (manifest)
        {
            return Results.Ok(await ManifestAsync(name, query!, budget, grains, http.RequestAborted));
        }
        http.Response.Headers.Link = $"</api/exports/{name}.manifest.json?{budget?.QueryString() ?? query!.QueryString()}>; rel=\"describedby\"";
        return Results.Stream(async body => await WriteAsync(name, query!, budget, grains, body, http.RequestAborted),
            "text/csv; charset=utf-8", FileName(name, query!, budget));
    }

    private static async Task<IResult> Verify(string export, HttpContext http, CurrentCaller caller, AccessRules rules, IClock clock, IGrainFactory grains)
    {
        if (!Names.Contains(export))
        {
            return ApiProblems.NotFound("export", $"No export '{export}'; known: {string.Join(", ", Names)}.");
        }
        var (query, budget, problem) = await ReadQueryAsync(export, http.Request, caller, rules, clock, grains);
        if (problem is not null)
        {
            return problem;
        }
        if (http.Request.ContentLength > MaxVerifyBytes)
        {
            return ApiProblems.Malformed(StatusCodes.Status413PayloadTooLarge, "body", $"A file to verify is at most {MaxVerifyBytes / 1024 / 1024} MiB.");
        }
        var ct = http.RequestAborted;
        // The export is written into a pipe while the comparison reads it: neither file is held in memory.
        var pipe = new Pipe();
        var writing = Task.Run(async () =>
        {
            try
            {
                var written = await WriteTrackedAsync(export, query!, budget, grains, pipe.Writer.AsStream(leaveOpen: true), ct);
                await pipe.Writer.CompleteAsync();
                return written;
            }
            catch (Exception ex)
            {
                await pipe.Writer.CompleteAsync(ex);
                throw;
            }
        }, ct);
        CsvDifference? difference;
        await using (var expected = pipe.Reader.AsStream())
        await using (var found = new LimitedStream(http.Request.Body, MaxVerifyBytes))
        {
            difference = await CsvCompare.FirstDifferenceAsync(expected, found, query!.Dialect, ct);
            // Drain what the comparison did not need, so the writer can finish.
            await expected.CopyToAsync(Stream.Null, ct);
        }
        // The regenerated export is the manifest's source and names the journals it read: nothing is read twice
        // but the balances the reconciliation compares the file with.
        var written = await writing;
        var manifest = ManifestOf(export, query, budget, written.Totals);
        var journals = written.Journals;
        var (checkedAccounts, mismatches) = export == "transactions" ? await ReconcileAsync(query, grains, manifest, journals, written.Lookups!) : (0, []);
        var broken = new List<string>();
        foreach (var journal in journals)
        {
            if (!(await grains.GetGrain<ILedgerGrain>(journal).VerifyChain()).Intact)
            {
                broken.Add(journal);
            }
        }
        return Results.Ok(new ExportVerification(difference is null && mismatches.Count == 0 && broken.Count == 0, manifest.Rows, difference, checkedAccounts, mismatches, broken, manifest));
    }

    // The export query, and for budgets.csv the budget query (fiscal years, scenario) around it.
    private static async Task<(ExportQuery? Query, BudgetQuery? Budget, IResult? Problem)> ReadQueryAsync(string name, HttpRequest request, CurrentCaller caller, AccessRules rules, IClock clock, IGrainFactory grains)
    {
        if (name == "budgets")
        {
            var (budget, problem) = await BudgetQuery.ReadAsync(request, caller, rules, clock, grains);
            return (budget?.Export, budget, problem);
        }
        var (query, p) = ExportQuery.Read(request, caller, rules, clock);
        return (query, null, p);
    }

    // What writing an export produced: its totals, the journals it read and the lookups it used (null for budgets).
    private sealed record Written(ExportTotals Totals, IReadOnlyList<string> Journals, ExportLookups? Lookups);

    private static async Task<ExportTotals> WriteAsync(string name, ExportQuery query, BudgetQuery? budget, IGrainFactory grains, Stream destination, CancellationToken ct) =>
        (await WriteTrackedAsync(name, query, budget, grains, destination, ct)).Totals;

    /// <summary>Writes export <paramref name="name"/> of <paramref name="query"/> to <paramref name="destination"/> (not <c>budgets</c>: it needs a <see cref="BudgetQuery"/>).</summary>
    public static async Task<ExportTotals> WriteAsync(string name, ExportQuery query, IGrainFactory grains, Stream destination, CancellationToken ct) =>
        (await WriteTrackedAsync(name, query, null, grains, destination, ct)).Totals;

    private static async Task<Written> WriteTrackedAsync(string name, ExportQuery query, BudgetQuery? budget, IGrainFactory grains, Stream destination, CancellationToken ct)
    {
        if (budget is not null)
        {
            var budgets = new BudgetReader(grains, budget);
            var rows = await budgets.RowsAsync();
            var totals = await BudgetExport.Writer.WriteAsync(destination, rows.ToAsyncEnumerable(), query.Dialect, ct);
            return new Written(totals, [.. budgets.Journals.Distinct(StringComparer.Ordinal)], null);
        }
        if (name == "transactions")
        {
            var reader = new ExportReader(grains, query);
            var lookups = await reader.LookupsAsync();
            var totals = await TransactionExport.Writer.WriteAsync(destination, reader.Lines(ct), reader.Expand, query.Dialect, ct);
            return new Written(totals, reader.Journals, lookups);
        }
        // Grants show positions as of the date; the period does not cut them.
        var all = new ExportReader(grains, query with { From = null, To = null });
        var grants = await all.GrantsAsync(ct);
        var writer = name == "projects" ? GrantRows.ProjectsWriter : GrantRows.GivingWriter;
        return new Written(await writer.WriteAsync(destination, grants.ToAsyncEnumerable(), query.Dialect, ct), all.Journals, await all.LookupsAsync());
    }

    private static async Task<ExportManifest> ManifestAsync(string name, ExportQuery query, BudgetQuery? budget, IGrainFactory grains, CancellationToken ct) =>
        ManifestOf(name, query, budget, await WriteAsync(name, query, budget, grains, Stream.Null, ct));

    private static ExportManifest ManifestOf(string name, ExportQuery query, BudgetQuery? budget, ExportTotals totals)
    {
        var titles = name switch
        {
            "transactions" => TransactionExport.Writer.Titles,
            "projects" => GrantRows.ProjectsWriter.Titles,
            "budgets" => BudgetExport.Writer.Titles,
            _ => GrantRows.GivingWriter.Titles,
        };
        string A(long cents) => CsvDialect.Canonical.Amount(cents);
        return new ExportManifest(name, FileName(name, query, budget), query.Scope.ToString(), Iso(query.From), Iso(query.To), Iso(query.AsOf)!, query.Dialect.Name,
            totals.Rows, totals.Bytes, totals.Sha256, titles,
            totals.Columns.ToDictionary(kv => kv.Key, kv => A(kv.Value)),
            totals.Groups.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, string>)kv.Value.ToDictionary(g => g.Key, g => A(g.Value))),
            totals.Accounts.ToDictionary(kv => kv.Key, kv => new AccountTotalsView(A(kv.Value.Debits), A(kv.Value.Credits), A(kv.Value.Net))));
    }

    // Every account the export holds entirely must move in the file exactly as its balance moved in the ledger over
    // the period, as known at the as-of cut-off.
    private static async Task<(int Checked, List<AccountMismatch> Mismatches)> ReconcileAsync(ExportQuery query, IGrainFactory grains, ExportManifest manifest, IReadOnlyList<string> journals, ExportLookups lookups)
    {
        var scope = new ExportScope(query.Scope, PvoFinance.Regions.RegionCatalog.Shipped);
        var knownAt = InstantPattern.ExtendedIso.Format(query.Cutoff - Duration.Epsilon);
        var mismatches = new List<AccountMismatch>();
        var count = 0;
        foreach (var journal in journals)
        {
            var ledger = grains.GetGrain<ILedgerGrain>(journal);
            var end = await ledger.GetBalancesAsOf(Iso(query.To) ?? "2100-12-31", knownAt);
            var start = query.From is { } f ? (await ledger.GetBalancesAsOf(Iso(f.PlusDays(-1))!, knownAt)).ToDictionary(b => b.Account) : [];
            foreach (var b in end)
            {
                if (!scope.Owns(journal, b.Account, lookups.Sources))
                {
                    continue;
                }
                var s = start.GetValueOrDefault(b.Account);
                var moved = (b.DebitsPosted - (s?.DebitsPosted ?? 0)) - (b.CreditsPosted - (s?.CreditsPosted ?? 0));
                var inFile = manifest.Accounts.TryGetValue($"{journal}/{b.Account}", out var t) ? Money.Parse(t.Net).Cents : 0;
                count++;
                if (moved != inFile && mismatches.Count < 20)
                {
                    mismatches.Add(new AccountMismatch($"{journal}/{b.Account}", new Money(inFile).ToString(), new Money(moved).ToString()));
                }
            }
        }
        return (count, mismatches);
    }

    // budgets.csv names its scenario version: budgets-region-limburg-status-quo-v1-2026-11-23.csv.
    private static string FileName(string name, ExportQuery query, BudgetQuery? budget) =>
        $"{name}-{query.Scope.ToString().Replace(':', '-')}{(budget is null ? "" : $"-{budget.ScenarioId}-v{budget.Version}")}-{Iso(query.AsOf)}{(query.Dialect == CsvDialect.Canonical ? "" : "-" + query.Dialect.Name)}.csv";

    private static string? Iso(LocalDate? d) => d is { } x ? LocalDatePattern.Iso.Format(x) : null;

    /// <summary>Reads at most a number of bytes from a stream, refusing more.</summary>
    private sealed class LimitedStream(Stream inner, long max) : Stream
    {
        private long _read;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => Count(await inner.ReadAsync(buffer, cancellationToken));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            _read += n;
            return _read > max ? throw new InvalidDataException($"The file is larger than {max} bytes.") : n;
        }
    }
}
