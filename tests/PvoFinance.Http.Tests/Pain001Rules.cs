using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace PvoFinance.Http.Tests;

/// <summary>
/// The rules a bank applies to a pain.001.001.09 file, checked here independently of the code that writes it: the
/// namespace and the element order of the schema, NbOfTxs and CtrlSum against the transactions, the IBAN's mod-97 and
/// an RF reference's check digits, ISO dates and times, amounts with two decimals in EUR, the SEPA character set and
/// the lengths of names, ids and remittance text, UTF-8 without a byte-order mark.
/// </summary>
public static partial class Pain001Rules
{
    private static readonly XNamespace N = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";

    // The schema's sequences, in order; an element may be absent where the schema allows (CdtrAgt, Strd vs Ustrd).
    private static readonly string[] Group = ["MsgId", "CreDtTm", "NbOfTxs", "CtrlSum", "InitgPty"];
    private static readonly string[] Payment = ["PmtInfId", "PmtMtd", "BtchBookg", "NbOfTxs", "CtrlSum", "PmtTpInf", "ReqdExctnDt", "Dbtr", "DbtrAcct", "DbtrAgt", "ChrgBr", "CdtTrfTxInf"];
    private static readonly string[] Transaction = ["PmtId", "Amt", "CdtrAgt", "Cdtr", "CdtrAcct", "RmtInf"];

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{1,15}\.\d{2}$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"^[A-Za-z0-9/\-?:().,'+ ]*$")]
    private static partial Regex SepaPattern();

    [GeneratedRegex(@"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")]
    private static partial Regex IbanPattern();

    /// <summary>Checks every rule; fails the test naming the first rule broken.</summary>
    public static void Check(byte[] file, int expectedTxs, decimal expectedSum)
    {
        Assert.False(file.Length >= 3 && file[0] == 0xEF && file[1] == 0xBB && file[2] == 0xBF, "no byte-order mark");
        var text = new UTF8Encoding(false, true).GetString(file);
        var doc = XDocument.Parse(text, LoadOptions.None);
        Assert.Equal(N + "Document", doc.Root!.Name);
        var root = Assert.Single(doc.Root.Elements());
        Assert.Equal(N + "CstmrCdtTrfInitn", root.Name);
        var header = root.Elements().First();
        Assert.Equal(N + "GrpHdr", header.Name);
        Assert.All(root.Elements().Skip(1), e => Assert.Equal(N + "PmtInf", e.Name));
        InOrder(header, Group);
        Assert.Matches(DateTimePattern(), Value(header, "CreDtTm"));
        Assert.True(DateTime.TryParseExact(Value(header, "CreDtTm"), "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _));
        Short(Value(header, "MsgId"), 35);
        Sepa(header.Element(N + "InitgPty")!.Element(N + "Nm")!.Value, 70);

        var payments = root.Elements(N + "PmtInf").ToList();
        Assert.NotEmpty(payments);
        var allTxs = 0;
        var allSum = 0m;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in payments)
        {
            InOrder(p, Payment);
            Short(Value(p, "PmtInfId"), 35);
            Assert.Equal("TRF", Value(p, "PmtMtd"));
            // Without batch booking the bank debits each payment on its own, with its EndToEndId, so the statement import can confirm it.
            Assert.Equal("false", Value(p, "BtchBookg"));
            Assert.Equal("SEPA", p.Element(N + "PmtTpInf")!.Element(N + "SvcLvl")!.Element(N + "Cd")!.Value);
            Assert.Equal("SLEV", Value(p, "ChrgBr"));
            var date = p.Element(N + "ReqdExctnDt")!.Element(N + "Dt")!.Value;
            Assert.Matches(DatePattern(), date);
            Assert.True(DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), date);
            Sepa(p.Element(N + "Dbtr")!.Element(N + "Nm")!.Value, 70);
            Iban(p.Element(N + "DbtrAcct")!.Element(N + "Id")!.Element(N + "IBAN")!.Value);
            var debtorAgent = p.Element(N + "DbtrAgt")!.Element(N + "FinInstnId")!;
            Assert.True(debtorAgent.Element(N + "BICFI") is not null || debtorAgent.Element(N + "Othr")?.Element(N + "Id")?.Value == "NOTPROVIDED");

            var txs = p.Elements(N + "CdtTrfTxInf").ToList();
            var sum = 0m;
            foreach (var t in txs)
            {
                InOrder(t, Transaction);
                var e2e = t.Element(N + "PmtId")!.Element(N + "EndToEndId")!.Value;
                Short(e2e, 35);
                Sepa(e2e, 35);
                Assert.True(ids.Add(e2e), $"EndToEndId {e2e} twice");
                var amount = t.Element(N + "Amt")!.Element(N + "InstdAmt")!;
                Assert.Equal("EUR", amount.Attribute("Ccy")?.Value);
                Assert.Matches(AmountPattern(), amount.Value);
                var cents = decimal.Parse(amount.Value, CultureInfo.InvariantCulture);
                Assert.True(cents is >= 0.01m and <= 999999999.99m, amount.Value);
                sum += cents;
                Sepa(t.Element(N + "Cdtr")!.Element(N + "Nm")!.Value, 70);
                Iban(t.Element(N + "CdtrAcct")!.Element(N + "Id")!.Element(N + "IBAN")!.Value);
                var remittance = t.Element(N + "RmtInf")!;
                if (remittance.Element(N + "Ustrd") is { } ustrd)
                {
                    Sepa(ustrd.Value, 140);
                }
                else
                {
                    var reference = remittance.Element(N + "Strd")!.Element(N + "CdtrRefInf")!;
                    Assert.Equal("SCOR", reference.Element(N + "Tp")!.Element(N + "CdOrPrtry")!.Element(N + "Cd")!.Value);
                    Rf(reference.Element(N + "Ref")!.Value);
                }
            }
            Assert.Equal(txs.Count.ToString(CultureInfo.InvariantCulture), Value(p, "NbOfTxs"));
            Assert.Equal(sum.ToString("0.00", CultureInfo.InvariantCulture), Value(p, "CtrlSum"));
            allTxs += txs.Count;
            allSum += sum;
        }
        Assert.Equal(expectedTxs, allTxs);
        Assert.Equal(expectedTxs.ToString(CultureInfo.InvariantCulture), Value(header, "NbOfTxs"));
        Assert.Equal(expectedSum, allSum);
        Assert.Equal(allSum.ToString("0.00", CultureInfo.InvariantCulture), Value(header, "CtrlSum"));
        // One PmtInf per debtor account.
        var debtors = payments.Select(p => p.Element(N + "DbtrAcct")!.Value).ToList();
        Assert.Equal(debtors.Count, debtors.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>True when the IBAN's check digits hold (ISO 13616: move the first four to the end, letters as 10..35, mod 97 is 1).</summary>
    public static bool IbanValid(string iban)
    {
        var moved = iban[4..] + iban[..4];
        var digits = string.Concat(moved.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture)));
        return BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97 == 1;
    }

    private static void Iban(string iban)
    {
        Assert.Matches(IbanPattern(), iban);
        Assert.True(IbanValid(iban), $"IBAN {iban} fails mod 97");
    }

    private static void Rf(string reference)
    {
        Assert.StartsWith("RF", reference, StringComparison.Ordinal);
        Assert.True(reference.Length is >= 5 and <= 25, reference);
        Assert.True(IbanValid(reference), $"RF reference {reference} fails mod 97");
    }

    private static void InOrder(XElement parent, string[] order)
    {
        var names = parent.Elements().Select(e => e.Name.LocalName).ToList();
        Assert.All(parent.Elements(), e => Assert.Equal(N, e.Name.Namespace));
        var last = -1;
        foreach (var name in names)
        {
            var at = Array.IndexOf(order, name);
            Assert.True(at >= 0, $"{parent.Name.LocalName} has an element {name} the schema does not allow there");
            // Only CdtTrfTxInf repeats; everything else comes once, in the schema's order.
            Assert.True(at > last || (at == last && name == "CdtTrfTxInf"), $"{parent.Name.LocalName}: {name} out of order in {string.Join(",", names)}");
            last = at;
        }
    }

    private static string Value(XElement parent, string name) => parent.Element(N + name)?.Value ?? throw new XmlException($"{parent.Name.LocalName} lacks {name}");

    private static void Short(string text, int max) => Assert.True(text.Length is > 0 && text.Length <= max, $"'{text}' is not 1..{max} characters");

    private static void Sepa(string text, int max)
    {
        Short(text, max);
        Assert.Matches(SepaPattern(), text);
    }
}
