using System.Xml;
using System.Xml.Linq;

namespace PvoFinance.Banking;

/// <summary>
/// Reads an ISO 20022 bank-to-customer statement, <c>camt.053.001.02</c> or <c>camt.053.001.08</c>: one <c>Stmt</c>
/// with its account, the OPBD and CLBD balances and the entries. DTDs are refused and no external entity is resolved,
/// so a statement cannot make the reader fetch or expand anything.
/// </summary>
internal static class CamtReader
{
    private static readonly string[] Namespaces =
    [
        "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02",
        "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08",
    ];

    public static Statement Read(ReadOnlySpan<byte> file)
    {
        var document = Load(file);
        var root = document.Root!;
        var ns = root.Name.Namespace;
        if (root.Name.LocalName != "Document" || !Namespaces.Contains(ns.NamespaceName))
        {
            throw new StatementException(null, "Document", $"The XML is not a camt.053.001.02 or .08 statement (root '{StatementFields.Clip(root.Name.ToString())}').");
        }
        var statements = root.Elements(ns + "BkToCstmrStmt").Elements(ns + "Stmt").ToList();
        if (statements.Count != 1)
        {
            throw new StatementException(null, "BkToCstmrStmt/Stmt", $"A file holds exactly one statement; this one holds {statements.Count}.");
        }
        var stmt = statements[0];
        string? Path(XElement? from, params string[] names)
        {
            foreach (var name in names)
            {
                from = from?.Element(ns + name);
            }
            return from?.Value;
        }
        var reference = StatementFields.Text(Path(stmt, "Id"), 35) ?? throw new StatementException(null, "Stmt/Id", "The statement has no id.");
        var account = StatementFields.Iban(Path(stmt, "Acct", "Id", "IBAN"), null, "Stmt/Acct/Id/IBAN");
        if (Path(stmt, "Acct", "Ccy") is { } accountCurrency)
        {
            StatementFields.Euro(accountCurrency, null, "Stmt/Acct/Ccy");
        }
        var (openingDate, opening) = Balance(stmt, ns, "OPBD", Path);
        var (closingDate, closing) = Balance(stmt, ns, "CLBD", Path);
        var entries = stmt.Elements(ns + "Ntry").ToList();
        if (entries.Count > Statement.MaxLines)
        {
            throw new StatementException(null, "Stmt/Ntry", $"A statement holds at most {Statement.MaxLines} entries; this one holds {entries.Count}.");
        }
        var lines = new List<StatementLine>(entries.Count);
        foreach (var entry in entries)
        {
            lines.Add(Entry(entry, lines.Count + 1, ns, Path));
        }
        return new Statement(reference, account, StatementFormat.Camt053, openingDate, opening, closingDate, closing, lines);
    }

    private static XDocument Load(ReadOnlySpan<byte> file)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = Statement.MaxBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var stream = new MemoryStream(file.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            return XDocument.Load(reader);
        }
        catch (XmlException bad)
        {
            throw new StatementException($"line {bad.LineNumber}", "XML", $"The file is not well-formed camt.053 XML: {StatementFields.Clip(bad.Message)}");
        }
    }

    private static (NodaTime.LocalDate, Money) Balance(XElement stmt, XNamespace ns, string code, Func<XElement?, string[], string?> path)
    {
        var balance = stmt.Elements(ns + "Bal").FirstOrDefault(b => path(b, ["Tp", "CdOrPrtry", "Cd"]) == code)
            ?? throw new StatementException(null, $"Bal {code}", code == "OPBD" ? "The statement has no opening balance (OPBD)." : "The statement has no closing balance (CLBD).");
        var field = $"Bal {code}";
        var amount = balance.Element(ns + "Amt");
        StatementFields.Euro(amount?.Attribute("Ccy")?.Value, null, field + "/Amt/@Ccy");
        var value = StatementFields.Amount(amount?.Value, '.', null, field + "/Amt");
        var sign = path(balance, ["CdtDbtInd"]);
        if (sign is not ("CRDT" or "DBIT"))
        {
            throw new StatementException(null, field + "/CdtDbtInd", $"'{StatementFields.Clip(sign)}' is neither CRDT nor DBIT.");
        }
        var date = StatementFields.IsoDay(path(balance, ["Dt", "Dt"]) ?? path(balance, ["Dt", "DtTm"]), null, field + "/Dt");
        return (date, sign == "DBIT" ? -value : value);
    }

    private static StatementLine Entry(XElement entry, int number, XNamespace ns, Func<XElement?, string[], string?> path)
    {
        var where = $"entry {number}";
        var amount = entry.Element(ns + "Amt");
        StatementFields.Euro(amount?.Attribute("Ccy")?.Value, where, "Ntry/Amt/@Ccy");
        var value = StatementFields.Amount(amount?.Value, '.', where, "Ntry/Amt");
        var direction = path(entry, ["CdtDbtInd"]) switch
        {
            "CRDT" => StatementDirection.Credit,
            "DBIT" => StatementDirection.Debit,
            var other => throw new StatementException(where, "Ntry/CdtDbtInd", $"'{StatementFields.Clip(other)}' is neither CRDT nor DBIT."),
        };
        var booked = StatementFields.IsoDay(path(entry, ["BookgDt", "Dt"]) ?? path(entry, ["BookgDt", "DtTm"]), where, "Ntry/BookgDt");
        var valueText = path(entry, ["ValDt", "Dt"]) ?? path(entry, ["ValDt", "DtTm"]);
        var valueDate = valueText is null ? (NodaTime.LocalDate?)null : StatementFields.IsoDay(valueText, where, "Ntry/ValDt");
        // A batch booked as one entry carries several TxDtls; the references of the first describe it (our own batches
        // are sent without batch booking, so each payment is its own entry).
        var details = entry.Element(ns + "NtryDtls")?.Element(ns + "TxDtls");
        var endToEnd = StatementFields.Text(path(details, ["Refs", "EndToEndId"]), 35);
        if (endToEnd == "NOTPROVIDED")
        {
            endToEnd = null;
        }
        var party = direction == StatementDirection.Credit ? "Dbtr" : "Cdtr";
        var parties = details?.Element(ns + "RltdPties");
        var name = path(parties, [party, "Nm"]) ?? path(parties, [party, "Pty", "Nm"]);
        var ibanText = path(parties, [party + "Acct", "Id", "IBAN"]);
        Iban? iban = ibanText is null ? null : StatementFields.Iban(ibanText, where, $"RltdPties/{party}Acct/Id/IBAN");
        var remittance = details?.Element(ns + "RmtInf");
        var reference = StatementFields.Reference(path(remittance, ["Strd", "CdtrRefInf", "Ref"]), where, "RmtInf/Strd/CdtrRefInf/Ref");
        var free = remittance is null ? null : string.Join(' ', remittance.Elements(ns + "Ustrd").Select(u => u.Value));
        return new StatementLine(number, direction, value, booked, valueDate,
            StatementFields.Text(path(entry, ["AcctSvcrRef"]), 35), endToEnd, StatementFields.Text(name, 70), iban, reference,
            StatementFields.Text(free));
    }
}
