using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PvoFinance.Checker;

/// <summary>
/// Reads a running deployment through its public API with a national reader's bearer token (the ministry or a
/// national treasurer). A 503 (storage briefly unavailable) is retried after its Retry-After; any other failure stops
/// the run with a <see cref="CheckerException"/>, since a check that cannot read proves nothing.
/// </summary>
public sealed class HttpDeploymentSource(HttpClient http, Func<DateOnly>? today = null) : IDeploymentSource
{
    private const int Attempts = 6;

    /// <inheritdoc />
    public async IAsyncEnumerable<string> JournalsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        do
        {
            var page = await GetJsonAsync("api/ledger/journals?limit=1000" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)), cancellationToken);
            foreach (var id in page.GetProperty("journals").EnumerateArray())
            {
                yield return id.GetString()!;
            }
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AccountTotals>> BalancesAsync(string journalId, CancellationToken cancellationToken)
    {
        var list = await GetJsonAsync($"api/ledger/journals/{journalId}/balances", cancellationToken);
        return [.. list.EnumerateArray().Select(b => new AccountTotals(
            b.GetProperty("account").GetString()!,
            Cents(b, "debitsPosted"), Cents(b, "creditsPosted"), Cents(b, "debitsPending"), Cents(b, "creditsPending")))];
    }

    /// <inheritdoc />
    public async Task<ChainFacts> VerifyChainAsync(string journalId, CancellationToken cancellationToken)
    {
        var r = await GetJsonAsync($"api/ledger/journals/{journalId}/verify", cancellationToken);
        return new ChainFacts(r.GetProperty("intact").GetBoolean(), r.GetProperty("entriesChecked").GetInt64(),
            r.TryGetProperty("firstBrokenSequence", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null,
            r.TryGetProperty("reason", out var why) ? why.GetString() : null);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<EntryFacts> EntriesAsync(string journalId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            var page = await GetJsonAsync($"api/ledger/journals/{journalId}/entries?after={after}&limit=1000", cancellationToken);
            var count = 0;
            foreach (var e in page.EnumerateArray())
            {
                count++;
                after = e.GetProperty("sequence").GetInt64();
                yield return new EntryFacts(after, e.GetProperty("key").GetString()!, e.GetProperty("kind").GetString()!, LineOf(journalId, e));
            }
            if (count < 1000)
            {
                yield break;
            }
        }
    }

    /// <inheritdoc />
    public async Task<TransferFacts?> TransferAsync(string transferId, CancellationToken cancellationToken)
    {
        var (status, json) = await SendAsync(HttpMethod.Get, "api/ledger/transfers/" + Uri.EscapeDataString(transferId), null, cancellationToken);
        if (status == HttpStatusCode.NotFound)
        {
            return null;
        }
        Expect(status, HttpStatusCode.OK, "GET transfer " + transferId, json);
        var r = JsonDocument.Parse(json).RootElement;
        return new TransferFacts(r.GetProperty("status").GetString()!, OptionalLong(r, "sourceSequence"), OptionalLong(r, "destinationSequence"));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FundYearFacts>> FundYearsAsync(CancellationToken cancellationToken)
    {
        var years = new List<FundYearFacts>();
        foreach (var s in (await GetJsonAsync("api/funding-sources", cancellationToken)).EnumerateArray())
        {
            var id = s.GetProperty("id").GetString()!;
            var details = await GetJsonAsync("api/funding-sources/" + Uri.EscapeDataString(id), cancellationToken);
            foreach (var y in details.GetProperty("years").EnumerateArray())
            {
                years.Add(new FundYearFacts(id, y.GetProperty("year").GetInt32(), Cents(y, "ceiling"), Cents(y, "committed"), Cents(y, "available"),
                    new ServedYearFigures(Cents(y, "paid"), Cents(y, "released"), Cents(y, "open"), Cents(y, "payable"), Cents(y, "toReclaim"),
                        Cents(y, "reclaimed"), Cents(y, "receivable"), Cents(y, "invoiced"), Cents(y, "received"))));
            }
        }
        return years;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RegionFundingFacts>?> RegionFundingAsync(IReadOnlyList<int> years, CancellationToken cancellationToken)
    {
        var rows = new List<RegionFundingFacts>();
        var regions = (await GetJsonAsync("api/regions", cancellationToken)).EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        foreach (var region in regions)
        {
            foreach (var year in years)
            {
                var funding = await GetJsonAsync($"api/regions/{Uri.EscapeDataString(region)}/funding?year={year}", cancellationToken);
                foreach (var r in funding.GetProperty("sources").EnumerateArray())
                {
                    if (r.GetProperty("kind").GetString() is "national-scheme" or "provincial-fund")
                    {
                        rows.Add(new RegionFundingFacts(region, year, r.GetProperty("sourceId").GetString()!, Cents(r, "committed"), Cents(r, "released"),
                            Cents(r, "paid"), Cents(r, "received"), Cents(r, "receivable"), Cents(r, "toRepay")));
                    }
                }
            }
        }
        return rows;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApplicationFacts>> ApplicationsAsync(CancellationToken cancellationToken)
    {
        var apps = new List<ApplicationFacts>();
        foreach (var a in (await GetJsonAsync("api/applications", cancellationToken)).GetProperty("applications").EnumerateArray())
        {
            var id = a.GetProperty("id").GetString()!;
            var figures = (await GetJsonAsync("api/applications/" + Uri.EscapeDataString(id), cancellationToken)).GetProperty("figures");
            apps.Add(new ApplicationFacts(id, figures.GetProperty("matchesDecisions").GetBoolean(), figures.GetRawText()));
        }
        return apps;
    }

    /// <inheritdoc />
    /// <remarks>The file is downloaded and sent back as of the same date; a caller who may not export nationally gets null.</remarks>
    public async Task<ExportFacts?> VerifyTransactionsExportAsync(CancellationToken cancellationToken)
    {
        var asOf = (today?.Invoke() ?? AmsterdamToday()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var query = $"?scope=national&asOf={asOf}";
        using var download = await http.GetAsync("api/exports/transactions.csv" + query, cancellationToken);
        if (download.StatusCode == HttpStatusCode.Forbidden)
        {
            return null;
        }
        var csv = await download.Content.ReadAsByteArrayAsync(cancellationToken);
        Expect(download.StatusCode, HttpStatusCode.OK, "GET transactions.csv", System.Text.Encoding.UTF8.GetString(csv));
        using var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var (status, json) = await SendAsync(HttpMethod.Post, "api/exports/transactions/verify" + query, content, cancellationToken);
        Expect(status, HttpStatusCode.OK, "POST transactions/verify", json);
        var r = JsonDocument.Parse(json).RootElement;
        var matches = r.GetProperty("matches").GetBoolean();
        string? detail = null;
        if (!matches)
        {
            detail = $"first difference {r.GetProperty("firstDifference").GetRawText()}; accounts {r.GetProperty("accountMismatches").GetRawText()}; broken chains {r.GetProperty("brokenChains").GetRawText()}";
        }
        return new ExportFacts(matches, r.GetProperty("rows").GetInt64(), detail);
    }

    /// <summary>Today in Europe/Amsterdam, the calendar the service dates exports in.</summary>
    public static DateOnly AmsterdamToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")));

    /// <summary>Exact decimal text (<c>"-1234.56"</c>) to cents; anything else is a broken answer.</summary>
    public static long ParseCents(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && d * 100 == decimal.Truncate(d * 100)
            ? (long)(d * 100)
            : throw new CheckerException($"'{text}' is not an amount in euros and cents.");

    private static long Cents(JsonElement e, string name) => ParseCents(e.GetProperty(name).GetString()!);

    // An entry as the ledger API answers it, for the figures module.
    private static PvoFinance.Exports.LedgerLine LineOf(string journal, JsonElement e) => new(
        journal, e.GetProperty("sequence").GetInt64(), e.GetProperty("key").GetString()!, e.GetProperty("kind").GetString()!,
        NodaTime.Text.LocalDatePattern.Iso.Parse(e.GetProperty("valueDate").GetString()!).GetValueOrThrow(),
        NodaTime.Text.InstantPattern.ExtendedIso.Parse(e.GetProperty("recordedAt").GetString()!).GetValueOrThrow(),
        e.TryGetProperty("reference", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null,
        [.. e.GetProperty("postings").EnumerateArray().Select(p => new PvoFinance.Exports.LedgerLeg(p.GetProperty("account").GetString()!, Cents(p, "amount")))],
        null, e.GetProperty("hash").GetString()!, e.GetProperty("previousHash").GetString()!,
        Pending: [.. e.GetProperty("pending").EnumerateArray().Select(p => new PvoFinance.Exports.LedgerPendingLeg(p.GetProperty("account").GetString()!, Cents(p, "amount"), p.GetProperty("release").GetBoolean()))]);

    private static long? OptionalLong(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    private async Task<JsonElement> GetJsonAsync(string path, CancellationToken ct)
    {
        var (status, json) = await SendAsync(HttpMethod.Get, path, null, ct);
        Expect(status, HttpStatusCode.OK, "GET " + path, json);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == Attempts || content is not null)
            {
                return (response.StatusCode, body);
            }
            // Storage is briefly unavailable: wait as asked and read again.
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
        }
    }

    private static void Expect(HttpStatusCode status, HttpStatusCode expected, string what, string body)
    {
        if (status != expected)
        {
            throw new CheckerException($"{what} answered {(int)status}: {(body.Length > 300 ? body[..300] : body)}");
        }
    }
}

/// <summary>The deployment could not be read; the run proves nothing.</summary>
public sealed class CheckerException(string message) : Exception(message);
