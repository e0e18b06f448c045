using System.Security.Cryptography;
using System.Text;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Exports;
using PvoFinance.Funding;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Exports;

/// <summary>Ledger entries to rows and rows to CSV: the mapping, the exact bytes, neutralised text and the totals.</summary>
public sealed class TransactionExportTests
{
    private static readonly Instant Noon = Instant.FromUtc(2026, 11, 23, 11, 0);
    private static readonly LocalDate Day = new(2026, 11, 23);

    private static readonly FundingSourceDefinition Fund = new("nh-fund", "Veiligheidsfonds", FundingSourceKind.ProvincialFund, Scope.Province("Noord-Holland"),
        "Provincie Noord-Holland", [], null, null, null, [], null, null);
    private static readonly FundingSourceDefinition Levy = new("aa-levy", "Inwonersbijdrage", FundingSourceKind.MunicipalLevy, Scope.Region("amsterdam-amstelland"),
        "=Gemeenten Amstelland", [], null, null, new Rate(100), [], null, null);

    private static readonly ExportLookups Lookups = new(RegionCatalog.Shipped,
        new Dictionary<string, FundingSourceDefinition> { [Fund.Id] = Fund, [Levy.Id] = Levy }, new Dictionary<string, Application>());

    private static LedgerLine Line(string journal, long seq, string key, string debit, string credit, long cents, string kind = "Posted", string? memo = null, long? reverses = null) =>
        new(journal, seq, key, kind, Day, Noon, null, [new LedgerLeg(debit, cents), new LedgerLeg(credit, -cents)], memo, new string('a', 64), new string('b', 64), reverses);

    [Fact]
    public void A_commitment_to_a_region_is_an_outgoing_commitment_of_the_province_to_that_pvo()
    {
        var row = Assert.Single(TransactionRows.Of(Line("source.nh-fund.2026", 7, "commit:c1:0:post", "budget:nh-fund:2026", "commitment:nh-fund:2026:amsterdam-amstelland", 1_234_56, "PostReservation"), Lookups));
        Assert.Equal("source.nh-fund.2026:7", row.TransactionId);
        Assert.Equal(("2", 1_234_56L, "verlening"), (row.IatiTransactionType, row.AmountCents, row.AwbPhase));
        Assert.Equal(("amsterdam-amstelland", "Amsterdam-Amstelland", "PVO Amsterdam-Amstelland", "NL-PVO-amsterdam-amstelland"), (row.RegionCode, row.RegionName, row.RecipientName, row.RecipientOrgId));
        Assert.Equal(("Provincie Noord-Holland", "province", "NL-PVO-FUNDER-provincie-noord-holland"), (row.FunderName, row.FunderType, row.FunderOrgId));
        Assert.Equal("360G-pvo-nh-fund-c1", row.GrantId);
        Assert.Equal(("2026-11-23", "2026-11-23", 2026), (row.TransactionDate, row.ValueDate, row.FiscalYear));
    }

    [Fact]
    public void A_release_undoes_a_commitment_and_a_reversal_turns_the_sign_and_names_what_it_reverses()
    {
        var release = Assert.Single(TransactionRows.Of(Line("source.nh-fund.2026", 8, "x", "commitment:nh-fund:2026:amsterdam-amstelland", "budget:nh-fund:2026", 500), Lookups));
        Assert.Equal(("2", -500L), (release.IatiTransactionType, release.AmountCents));
        var reversal = Assert.Single(TransactionRows.Of(Line("source.aa-levy.2026", 9, "rev", "budget:aa-levy:2026", "receivable:aa-levy:2026:gm0363", 700, "Reversal", reverses: 3), Lookups));
        Assert.Equal(("11", -700L, "source.aa-levy.2026:3"), (reversal.IatiTransactionType, reversal.AmountCents, reversal.ReversesTransactionId));
    }

    [Fact]
    public void A_levy_invoice_carries_its_rate_and_inhabitants_and_belongs_to_the_municipalitys_region()
    {
        var row = Assert.Single(TransactionRows.Of(Line("source.aa-levy.2026", 1, "invoice:GM0363", "receivable:aa-levy:2026:gm0363", "budget:aa-levy:2026", 9_317_82,
            memo: "Levy 2026 Amsterdam: 931782 inhabitants (2024) x 0.0100"), Lookups));
        Assert.Equal(("11", "bijdrage", "0.0100", "931782", "amsterdam-amstelland"), (row.IatiTransactionType, row.AwbPhase, row.PerResidentRate, row.Population, row.RegionCode));
    }

    [Fact]
    public void An_entry_with_several_legs_gives_one_row_per_movement_and_every_cent_once()
    {
        var line = new LedgerLine("source.aa-levy.2026", 4, "invoice:many", "Posted", Day, Noon, null,
            [new LedgerLeg("receivable:aa-levy:2026:gm0363", 300), new LedgerLeg("receivable:aa-levy:2026:gm0362", 200), new LedgerLeg("budget:aa-levy:2026", -500)],
            null, new string('a', 64), new string('b', 64));
        var rows = TransactionRows.Of(line, Lookups);
        Assert.Equal(["source.aa-levy.2026:4/1", "source.aa-levy.2026:4/2"], rows.Select(r => r.TransactionId));
        Assert.Equal([300L, 200L], rows.Select(r => r.AmountCents));
        Assert.Empty(TransactionRows.Of(line with { Postings = [] }, Lookups));
    }

    private static async Task<(byte[] Bytes, ExportTotals Totals)> Write(IEnumerable<LedgerLine> lines, CsvDialect dialect)
    {
        using var stream = new MemoryStream();
        var totals = await TransactionExport.Writer.WriteAsync(stream, lines.ToAsyncEnumerable(), l => TransactionRows.Of(l, Lookups), dialect);
        return (stream.ToArray(), totals);
    }

    private static IEnumerable<LedgerLine> Many(int n) => Enumerable.Range(1, n).Select(i => i % 2 == 0
        ? Line("source.nh-fund.2026", i, $"commit:c{i}:0:post", "budget:nh-fund:2026", "commitment:nh-fund:2026:amsterdam-amstelland", 100 + i)
        : Line("source.aa-levy.2026", i, $"invoice:GM{i:0000}", "receivable:aa-levy:2026:gm0363", "budget:aa-levy:2026", 50 + i));

    [Fact]
    public async Task Many_batches_written_in_parallel_give_the_same_bytes_in_order_with_exact_totals()
    {
        const int n = CsvExportWriter<TransactionRow>.BatchSize * 3 + 17;
        var (bytes, totals) = await Write(Many(n), CsvDialect.Canonical);
        var (again, _) = await Write(Many(n), CsvDialect.Canonical);
        Assert.Equal(bytes, again);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), totals.Sha256);
        Assert.Equal(bytes.Length, totals.Bytes);
        var lines = Encoding.UTF8.GetString(bytes).Split("\r\n");
        Assert.Equal(n + 2, lines.Length); // header, n rows, the empty string after the last CRLF
        Assert.Equal(Enumerable.Range(1, n).Select(i => i % 2 == 0 ? $"source.nh-fund.2026:{i}" : $"source.aa-levy.2026:{i}"), lines[1..^1].Select(l => l[..l.IndexOf(',')]));
        var expected = Enumerable.Range(1, n).Sum(i => i % 2 == 0 ? 100L + i : 50L + i);
        Assert.Equal(expected, totals.Columns["amount"]);
        Assert.Equal(expected, totals.Groups["iati_transaction_type"].Values.Sum());
        Assert.Equal(totals.Accounts["source.aa-levy.2026/budget:aa-levy:2026"].Credits, Enumerable.Range(1, n).Where(i => i % 2 == 1).Sum(i => 50L + i));
        Assert.Equal(0, totals.Accounts.Values.Sum(a => a.Net));
    }

    [Fact]
    public async Task Text_that_would_run_as_a_formula_is_escaped_but_amounts_stay_numbers()
    {
        var (bytes, _) = await Write([Line("source.aa-levy.2026", 1, "x", "budget:aa-levy:2026", "receivable:aa-levy:2026:gm0363", 250)], CsvDialect.Canonical);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains(",\"'=Gemeenten Amstelland\",", text);
        Assert.Contains(",-2.50,EUR,", text);
    }

    [Fact]
    public async Task The_excel_view_has_a_bom_semicolons_and_decimal_commas()
    {
        var (bytes, _) = await Write([Line("source.nh-fund.2026", 1, "commit:c:0", "budget:nh-fund:2026", "commitment:nh-fund:2026:limburg", 123_456_78)], CsvDialect.ExcelNl);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("transaction_id;grant_id;", text);
        Assert.Contains(";123456,78;EUR;", text);
    }

    [Fact]
    public async Task Compare_names_the_first_differing_field_and_a_missing_row()
    {
        var (bytes, _) = await Write(Many(5), CsvDialect.Canonical);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Null(await CsvCompare.FirstDifferenceAsync(new MemoryStream(bytes), new MemoryStream(bytes), CsvDialect.Canonical));
        var tampered = text.Replace(",1.04,", ",1.05,", StringComparison.Ordinal);
        var d = await CsvCompare.FirstDifferenceAsync(new MemoryStream(bytes), new MemoryStream(Encoding.UTF8.GetBytes(tampered)), CsvDialect.Canonical);
        Assert.Equal(new CsvDifference(4, "amount", "1.04", "1.05"), d);
        var shorter = string.Join("\r\n", text.Split("\r\n")[..^2]) + "\r\n";
        var missing = await CsvCompare.FirstDifferenceAsync(new MemoryStream(bytes), new MemoryStream(Encoding.UTF8.GetBytes(shorter)), CsvDialect.Canonical);
        Assert.Equal((5L, ""), (missing!.Row, missing.Column));
    }
}
