using System.Globalization;
using System.Security;
using System.Text;
using NodaTime;
using PvoFinance.Banking;

namespace PvoFinance.Core.Tests.Banking;

/// <summary>
/// A test bank: keeps an account's entries and writes them as the bank would — camt.053.001.02, .001.08 or MT940 —
/// with the opening and closing balances computed from the entries (or overridden to test a wrong balance).
/// </summary>
public sealed class StatementTestBank(string iban, long openingCents, LocalDate day)
{
    public sealed record Entry(bool Credit, long Cents, string? BankRef, string? EndToEnd, string? Name, string? Iban, string? Reference, string? Text, string Currency = "EUR");

    private readonly List<Entry> entries = [];

    public string Iban { get; } = iban;

    public long? ClosingOverride { get; set; }

    public IReadOnlyList<Entry> Entries => entries;

    public long Closing => ClosingOverride ?? openingCents + entries.Sum(e => e.Credit ? e.Cents : -e.Cents);

    public StatementTestBank Credit(long cents, string? payerIban, string? name, string? reference = null, string? text = null, string? bankRef = null, string currency = "EUR")
    {
        entries.Add(new Entry(true, cents, bankRef ?? $"B{entries.Count + 1:0000}", null, name, payerIban, reference, text, currency));
        return this;
    }

    public StatementTestBank Debit(long cents, string endToEnd, string? payeeIban, string? name, string? bankRef = null)
    {
        entries.Add(new Entry(false, cents, bankRef ?? $"B{entries.Count + 1:0000}", endToEnd, name, payeeIban, null, null));
        return this;
    }

    private static string Amount(long cents, char separator) =>
        (cents / 100).ToString(CultureInfo.InvariantCulture) + separator + (cents % 100).ToString("00", CultureInfo.InvariantCulture);

    private static string X(string? text) => SecurityElement.Escape(text ?? "");

    public byte[] Camt(string version = "02")
    {
        var v08 = version == "08";
        var xml = new StringBuilder();
        xml.Append($"""<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}"><BkToCstmrStmt>""");
        xml.Append($"<GrpHdr><MsgId>M1</MsgId><CreDtTm>{day:yyyy-MM-dd}T18:00:00</CreDtTm></GrpHdr>");
        xml.Append($"<Stmt><Id>STMT-{day:yyyyMMdd}</Id><Acct><Id><IBAN>{Iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>");
        void Balance(string code, long cents) => xml.Append(
            $"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{Amount(Math.Abs(cents), '.')}</Amt><CdtDbtInd>{(cents < 0 ? "DBIT" : "CRDT")}</CdtDbtInd><Dt><Dt>{day:yyyy-MM-dd}</Dt></Dt></Bal>");
        Balance("OPBD", openingCents);
        Balance("CLBD", Closing);
        foreach (var e in entries)
        {
            var party = e.Credit ? "Dbtr" : "Cdtr";
            var name = e.Name is null ? "" : v08 ? $"<{party}><Pty><Nm>{X(e.Name)}</Nm></Pty></{party}>" : $"<{party}><Nm>{X(e.Name)}</Nm></{party}>";
            var account = e.Iban is null ? "" : $"<{party}Acct><Id><IBAN>{e.Iban}</IBAN></Id></{party}Acct>";
            var remittance = e.Reference is null && e.Text is null ? "" :
                "<RmtInf>" + (e.Text is null ? "" : $"<Ustrd>{X(e.Text)}</Ustrd>")
                + (e.Reference is null ? "" : $"<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>{e.Reference}</Ref></CdtrRefInf></Strd>") + "</RmtInf>";
            xml.Append($"<Ntry><Amt Ccy=\"{e.Currency}\">{Amount(e.Cents, '.')}</Amt><CdtDbtInd>{(e.Credit ? "CRDT" : "DBIT")}</CdtDbtInd>");
            xml.Append(v08 ? "<Sts><Cd>BOOK</Cd></Sts>" : "<Sts>BOOK</Sts>");
            xml.Append($"<BookgDt><Dt>{day:yyyy-MM-dd}</Dt></BookgDt><ValDt><Dt>{day:yyyy-MM-dd}</Dt></ValDt>");
            xml.Append(e.BankRef is null ? "" : $"<AcctSvcrRef>{e.BankRef}</AcctSvcrRef>");
            xml.Append($"<NtryDtls><TxDtls><Refs><EndToEndId>{e.EndToEnd ?? "NOTPROVIDED"}</EndToEndId></Refs><RltdPties>{name}{account}</RltdPties>{remittance}</TxDtls></NtryDtls></Ntry>");
        }
        xml.Append("</Stmt></BkToCstmrStmt></Document>");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    public byte[] Mt940()
    {
        var text = new StringBuilder();
        var d = day.ToString("yyMMdd", CultureInfo.InvariantCulture);
        text.Append($":20:STMT-{day:yyyyMMdd}\r\n:25:{Iban}EUR\r\n:28C:00001\r\n");
        text.Append($":60F:{(openingCents < 0 ? 'D' : 'C')}{d}EUR{Amount(Math.Abs(openingCents), ',')}\r\n");
        foreach (var e in entries)
        {
            text.Append($":61:{d}{d[2..]}{(e.Credit ? 'C' : 'D')}{Amount(e.Cents, ',')}NTRF{e.EndToEnd ?? "NONREF"}{(e.BankRef is null ? "" : "//" + e.BankRef)}\r\n");
            var info = $"/EREF/{e.EndToEnd ?? "NOTPROVIDED"}/CNTP/{e.Iban}//{e.Name}//"
                + (e.Reference is not null ? $"/REMI/STRD/CUR/{e.Reference}/" : e.Text is not null ? $"/REMI/USTD//{e.Text}/" : "");
            text.Append(":86:");
            for (var i = 0; i < info.Length; i += 65)
            {
                text.Append(i == 0 ? "" : "\r\n").Append(info[i..Math.Min(info.Length, i + 65)]);
            }
            text.Append("\r\n");
        }
        text.Append($":62F:{(Closing < 0 ? 'D' : 'C')}{d}EUR{Amount(Math.Abs(Closing), ',')}\r\n-");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
