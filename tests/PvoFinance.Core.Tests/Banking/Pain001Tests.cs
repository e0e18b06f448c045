using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NodaTime;
using PvoFinance.Banking;
using static PvoFinance.Core.Tests.Banking.PaymentBatchTests;

namespace PvoFinance.Core.Tests.Banking;

/// <summary>
/// The pain.001.001.09 file checked for the rules a bank applies: the schema's element order, NbOfTxs and CtrlSum exact at
/// both levels, IBAN checksums, ISO dates and times, the SEPA character set and the length limits.
/// </summary>
public sealed partial class Pain001Tests
{
    private static readonly XNamespace N = Pain001.Namespace;

    private static PaymentBatch TwoDebtors()
    {
        var reference = LevyReference.For("jenv-pvo", 2026, "0772");
        var lines = new[]
        {
            new PaymentLine(1, "advance:app-1:0", new Money(20_000_00), Ministry, Limburg, null, "Voorschot subsidie Keurmerk Veilig Ondernemen — fase 1 (Súdwest)"),
            new PaymentLine(2, "commitment:jenv-pvo:c1", new Money(33_333_33), Ccv, Rotterdam, reference, null),
            new PaymentLine(3, "advance:app-2:0", new Money(1), Ministry, Rotterdam, null, null),
        };
        var (batch, _, reason) = PaymentBatch.Create(42, Created, new LocalDate(2026, 3, 5), lines);
        return batch ?? throw new InvalidOperationException(reason);
    }

    private static XDocument Parse(byte[] bytes) => XDocument.Parse(Encoding.UTF8.GetString(bytes));

    private static string[] Children(XElement element) => [.. element.Elements().Select(e => e.Name.LocalName)];

    [Fact]
    public void The_file_has_the_schemas_structure_and_order()
    {
        var doc = Parse(Pain001.Write(TwoDebtors(), "Ministerie van Justitie & Veiligheid"));
        var root = doc.Root!;
        Assert.Equal(N + "Document", root.Name);
        var initiation = Assert.Single(root.Elements());
        Assert.Equal(N + "CstmrCdtTrfInitn", initiation.Name);
        Assert.Equal(["GrpHdr", "PmtInf", "PmtInf"], Children(initiation));
        var header = initiation.Element(N + "GrpHdr")!;
        Assert.Equal(["MsgId", "CreDtTm", "NbOfTxs", "CtrlSum", "InitgPty"], Children(header));
        Assert.Equal("PVO0000042", header.Element(N + "MsgId")!.Value);
        Assert.Equal("2026-03-02T09:30:15Z", header.Element(N + "CreDtTm")!.Value);
        Assert.Equal("Ministerie van Justitie + Veiligheid", header.Element(N + "InitgPty")!.Element(N + "Nm")!.Value);

        var infos = initiation.Elements(N + "PmtInf").ToArray();
        foreach (var info in infos)
        {
            var children = Children(info);
            Assert.Equal(["PmtInfId", "PmtMtd", "BtchBookg", "NbOfTxs", "CtrlSum", "PmtTpInf", "ReqdExctnDt", "Dbtr", "DbtrAcct", "DbtrAgt", "ChrgBr"],
                children.TakeWhile(c => c != "CdtTrfTxInf"));
            Assert.All(children.SkipWhile(c => c != "CdtTrfTxInf"), c => Assert.Equal("CdtTrfTxInf", c));
            Assert.Equal("TRF", info.Element(N + "PmtMtd")!.Value);
            Assert.Equal("false", info.Element(N + "BtchBookg")!.Value);
            Assert.Equal("SEPA", info.Element(N + "PmtTpInf")!.Element(N + "SvcLvl")!.Element(N + "Cd")!.Value);
            Assert.Equal("2026-03-05", info.Element(N + "ReqdExctnDt")!.Element(N + "Dt")!.Value);
            Assert.Equal("SLEV", info.Element(N + "ChrgBr")!.Value);
        }
        // One PmtInf per debtor account, in order of first appearance: the ministry (lines 1 and 3), then the CCV.
        Assert.Equal("NL02ABNA0123456789", infos[0].Element(N + "DbtrAcct")!.Element(N + "Id")!.Element(N + "IBAN")!.Value);
        Assert.Equal("ABNANL2A", infos[0].Element(N + "DbtrAgt")!.Element(N + "FinInstnId")!.Element(N + "BICFI")!.Value);
        Assert.Equal("NOTPROVIDED", infos[1].Element(N + "DbtrAgt")!.Element(N + "FinInstnId")!.Element(N + "Othr")!.Element(N + "Id")!.Value);
        Assert.Equal(["PVO0000042-0001", "PVO0000042-0003"], infos[0].Elements(N + "CdtTrfTxInf").Select(EndToEnd));
        Assert.Equal(["PVO0000042-0002"], infos[1].Elements(N + "CdtTrfTxInf").Select(EndToEnd));

        var transactions = initiation.Descendants(N + "CdtTrfTxInf").ToArray();
        // Without a creditor BIC no CdtrAgt; with one it comes between Amt and Cdtr.
        Assert.Equal(["PmtId", "Amt", "Cdtr", "CdtrAcct", "RmtInf"], Children(transactions[0]));
        Assert.Equal(["PmtId", "Amt", "CdtrAgt", "Cdtr", "CdtrAcct", "RmtInf"], Children(transactions[2]));
        Assert.Equal(["PmtId", "Amt", "CdtrAgt", "Cdtr", "CdtrAcct", "RmtInf"], Children(transactions[1]));
        Assert.Equal("Voorschot subsidie Keurmerk Veilig Ondernemen - fase 1 (Sudwest)", transactions[0].Element(N + "RmtInf")!.Element(N + "Ustrd")!.Value);
        var structured = transactions[2].Element(N + "RmtInf")!.Element(N + "Strd")!.Element(N + "CdtrRefInf")!;
        Assert.Equal(["Tp", "Ref"], Children(structured));
        Assert.Equal("SCOR", structured.Element(N + "Tp")!.Element(N + "CdOrPrtry")!.Element(N + "Cd")!.Value);
        Assert.Equal("ISO", structured.Element(N + "Tp")!.Element(N + "Issr")!.Value);
        Assert.True(CreditorReference.TryParse(structured.Element(N + "Ref")!.Value, out _, out var referenceError), referenceError);
    }

    private static string EndToEnd(XElement transaction) => transaction.Element(N + "PmtId")!.Element(N + "EndToEndId")!.Value;

    [Fact]
    public void Counts_and_control_sums_are_exact_at_both_levels()
    {
        var doc = Parse(Pain001.Write(TwoDebtors(), "JenV"));
        var header = doc.Root!.Descendants(N + "GrpHdr").Single();
        var amounts = doc.Root.Descendants(N + "InstdAmt").ToArray();
        Assert.All(amounts, a => Assert.Equal("EUR", a.Attribute("Ccy")!.Value));
        Assert.All(amounts, a => Assert.Matches(TwoDecimals(), a.Value));
        Assert.Equal(["20000.00", "0.01", "33333.33"], amounts.Select(a => a.Value));
        Assert.Equal("3", header.Element(N + "NbOfTxs")!.Value);
        Assert.Equal("53333.34", header.Element(N + "CtrlSum")!.Value);
        Assert.Equal(amounts.Sum(a => Dec(a.Value)), Dec(header.Element(N + "CtrlSum")!.Value));
        foreach (var info in doc.Root.Descendants(N + "PmtInf"))
        {
            var own = info.Descendants(N + "InstdAmt").ToArray();
            Assert.Equal(own.Length.ToString(CultureInfo.InvariantCulture), info.Element(N + "NbOfTxs")!.Value);
            Assert.Equal(own.Sum(a => Dec(a.Value)), Dec(info.Element(N + "CtrlSum")!.Value));
            Assert.Matches(TwoDecimals(), info.Element(N + "CtrlSum")!.Value);
        }
    }

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    [Fact]
    public void Ibans_check_and_every_text_is_in_the_sepa_set_within_its_length()
    {
        var longName = Account("NL91ABNA0417164300", new string('Ä', 70), null);
        var (batch, _, _) = PaymentBatch.Create(9, Created, new LocalDate(2026, 12, 31),
            [new PaymentLine(1, "x", new Money(5), Ministry, longName, null, new string('é', 300))]);
        foreach (var doc in new[] { Parse(Pain001.Write(TwoDebtors(), "JenV")), Parse(Pain001.Write(batch!, "Ïnitiator ~ {x}")) })
        {
            foreach (var iban in doc.Root!.Descendants(N + "IBAN"))
            {
                Assert.True(Iban.TryParse(iban.Value, out var parsed, out var error), error);
                Assert.Equal(parsed.Value, iban.Value);
            }
            foreach (var text in doc.Root.Descendants().Where(e => !e.HasElements))
            {
                Assert.True(SepaText.IsSepa(text.Value), $"{text.Name.LocalName}: '{text.Value}'");
                var max = text.Name.LocalName switch { "Nm" => 70, "Ustrd" => 140, "Ref" => 35, _ => 35 };
                Assert.InRange(text.Value.Length, 1, max);
            }
            Assert.All(doc.Root.Descendants(N + "Dt"), d => Assert.Matches(IsoDate(), d.Value));
            Assert.All(doc.Root.Descendants(N + "CreDtTm"), d => Assert.Matches(IsoDateTime(), d.Value));
        }
    }

    [Fact]
    public void The_same_batch_gives_the_same_bytes()
    {
        var first = Pain001.Write(TwoDebtors(), "JenV");
        Assert.Equal(first, Pain001.Write(TwoDebtors(), "JenV"));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", Encoding.UTF8.GetString(first), StringComparison.Ordinal);
        Assert.NotEqual(0xEF, first[0]);
    }

    [GeneratedRegex(@"^\d+\.\d{2}$")]
    private static partial Regex TwoDecimals();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex IsoDateTime();
}
