using NodaTime;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Exports;
using PvoFinance.Funding;
using PvoFinance.Regions;

namespace PvoFinance.Core.Tests.Exports;

/// <summary>
/// Issue 13, item 6: a payment of a national scheme through the CCV, as the ledger books it (two transfers, each a
/// posted leg in the sending journal and a credit in the receiving one), turned into transactions.csv rows. The lines
/// where the CCV passes the money on name the CCV's own incoming line in <c>regrant_of</c>; the money to the CCV is
/// received by the CCV.
/// </summary>
public sealed class RegrantTests
{
    private static readonly Instant Noon = Instant.FromUtc(2026, 3, 2, 11, 0);
    private static readonly LocalDate Day = new(2026, 1, 1);
    private const string Scheme = "jv-pvo";
    private const string Region = "noord-holland";

    private static readonly FundingSourceDefinition ViaCcv = new(Scheme, "PVO-regeling", FundingSourceKind.NationalScheme, Scope.National,
        "Ministerie van Justitie en Veiligheid", ["cybercrime"], null, "ccv", null, [], null, null);

    private static readonly ExportLookups Lookups = new(RegionCatalog.Shipped,
        new Dictionary<string, FundingSourceDefinition> { [ViaCcv.Id] = ViaCcv }, new Dictionary<string, Application>());

    private static LedgerLine Line(string journal, long seq, string key, string debit, string credit, long cents, string kind) =>
        new(journal, seq, key, kind, Day, Noon, null, [new LedgerLeg(debit, cents), new LedgerLeg(credit, -cents)], null, new string('a', 64), new string('b', 64));

    // The four posted lines of payment `paymentId` of `cents`, in the order an export reads them: the scheme's journal,
    // the CCV's, the region's (sequences as the journals would give them).
    private static LedgerLine[] Payment(string paymentId, long cents, long sourceSeq, long ccvSeq, long regionSeq)
    {
        var first = PassThroughTransfers.ToIntermediary(Scheme, paymentId);
        var second = PassThroughTransfers.FromIntermediary(Scheme, paymentId);
        var held = $"commitment:ccv:{Scheme}:{Region}";
        return
        [
            Line($"source.{Scheme}.2026", sourceSeq, $"{first}:post", $"commitment:{Scheme}:2026:{Region}", "clearing:intermediary.ccv", cents, "PostReservation"),
            Line("intermediary.ccv", ccvSeq, $"{first}:credit", $"clearing:source.{Scheme}.2026", held, cents, "Posted"),
            Line("intermediary.ccv", ccvSeq + 2, $"{second}:post", held, $"clearing:region.{Region}", cents, "PostReservation"),
            Line($"region.{Region}", regionSeq, $"{second}:credit", "clearing:intermediary.ccv", $"region:{Region}:{Scheme}", cents, "Posted"),
        ];
    }

    private static List<TransactionRow> Rows(IEnumerable<LedgerLine> lines)
    {
        var links = new PassThroughLinks();
        return [.. lines.Select(links.Link).SelectMany(l => TransactionRows.Of(l, Lookups))];
    }

    [Fact]
    public void The_ccv_passing_money_on_names_its_own_incoming_line()
    {
        var rows = Rows(Payment("p1", 10_000_000_00, sourceSeq: 5, ccvSeq: 3, regionSeq: 8));
        var (sent, received, passed, arrived) = (rows[0], rows[1], rows[2], rows[3]);
        Assert.Equal(("3", "1", "3", "1"), (sent.IatiTransactionType, received.IatiTransactionType, passed.IatiTransactionType, arrived.IatiTransactionType));
        // The scheme pays the CCV: nothing passed on yet.
        Assert.Equal(("", ""), (sent.RegrantOf, received.RegrantOf));
        // The CCV's disbursement and the region's incoming line both pass on what the CCV received in intermediary.ccv:3.
        Assert.Equal("intermediary.ccv:3", received.TransactionId);
        Assert.Equal((received.TransactionId, received.TransactionId), (passed.RegrantOf, arrived.RegrantOf));
        Assert.All(rows, r => Assert.Equal((10_000_000_00L, Region), (r.AmountCents, r.RegionCode)));
        // Who receives: the CCV on the first leg (both sides), the region's PVO on the second; the funder is the ministry throughout.
        Assert.Equal(("NL-PVO-INTERMEDIARY-ccv", "ccv"), (sent.RecipientOrgId, sent.RecipientName));
        Assert.Equal(("NL-PVO-INTERMEDIARY-ccv", "ccv"), (received.RecipientOrgId, received.RecipientName));
        Assert.Equal(("NL-PVO-noord-holland", "PVO Noord-Holland"), (passed.RecipientOrgId, passed.RecipientName));
        Assert.Equal(("NL-PVO-noord-holland", "PVO Noord-Holland"), (arrived.RecipientOrgId, arrived.RecipientName));
        Assert.All(rows, r => Assert.Equal(("NL-PVO-FUNDER-ministerie-van-justitie-en-veiligheid", "ministry"), (r.FunderOrgId, r.FunderType)));
    }

    [Fact]
    public void Two_payments_each_link_to_their_own_receipt_even_when_the_ccvs_journal_interleaves_them()
    {
        var a = Payment("a", 4_000_00, 5, 10, 20);
        var b = Payment("b", 4_000_00, 6, 11, 21);
        // The CCV's journal: a's receipt (10), b's receipt (11), a's disbursement (12), b's disbursement (13).
        var lines = new[] { a[0], b[0], a[1], b[1], a[2], b[2] with { Sequence = 13 }, a[3], b[3] };
        var rows = Rows(lines);
        Assert.Equal(["", "", "", "", "intermediary.ccv:10", "intermediary.ccv:11", "intermediary.ccv:10", "intermediary.ccv:11"], rows.Select(r => r.RegrantOf));
    }

    [Fact]
    public void A_direct_payment_and_a_passing_on_line_without_its_receipt_in_the_export_have_no_regrant()
    {
        var direct = Line($"region.{Region}", 4, $"pay:{Scheme}:d1:credit", $"clearing:source.{Scheme}.2026", $"region:{Region}:{Scheme}", 100, "Posted");
        var orphan = Payment("p9", 100, 1, 1, 2)[3];
        Assert.All(Rows([direct, orphan]), r => Assert.Equal("", r.RegrantOf));
        Assert.False(PassThroughTransfers.TryRead($"pay:{Scheme}:2:credit", out _, out _, out _));
        Assert.True(PassThroughTransfers.TryRead($"pay:{Scheme}:p1:2:credit", out var firstLeg, out var leg, out var step));
        Assert.Equal(($"pay:{Scheme}:p1:1", 2, "credit"), (firstLeg, leg, step));
    }
}
