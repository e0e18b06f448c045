using System.Globalization;
using System.Text;
using System.Xml;
using NodaTime;
using NodaTime.Text;

namespace PvoFinance.Banking;

/// <summary>
/// Writes a batch as a SEPA credit transfer initiation, ISO 20022 <c>pain.001.001.09</c> (the version Dutch banks take),
/// elements in the schema's order: a group header, one <c>PmtInf</c> per debtor account (in order of first appearance),
/// one <c>CdtTrfTxInf</c> per line. Names and texts are transliterated to the SEPA set and cut to the schema's lengths.
/// The same batch gives the same bytes: the creation time is the batch's stored one, never the clock's.
/// </summary>
public static class Pain001
{
    /// <summary>The schema's namespace.</summary>
    public const string Namespace = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";

    private const int MaxNameLength = 70;
    private static readonly InstantPattern CreationPattern = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss'Z'");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    /// <summary>The message id of a batch: <c>PVO</c> and its seven-digit number (unique per batch, as banks require).</summary>
    public static string MessageId(long batchNumber) => string.Create(CultureInfo.InvariantCulture, $"{EndToEndId.Prefix}{batchNumber:D7}");

    /// <summary>The file of <paramref name="batch"/>, initiated by <paramref name="initiatingParty"/> (the organisation that sends it), as UTF-8 bytes.</summary>
    public static byte[] Write(PaymentBatch batch, string initiatingParty)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("Document", Namespace);
            xml.WriteStartElement("CstmrCdtTrfInitn", Namespace);

            xml.WriteStartElement("GrpHdr", Namespace);
            Text(xml, "MsgId", MessageId(batch.Number));
            Text(xml, "CreDtTm", CreationPattern.Format(batch.CreatedAt));
            Text(xml, "NbOfTxs", batch.Lines.Count.ToString(CultureInfo.InvariantCulture));
            Text(xml, "CtrlSum", Amount(batch.Total));
            xml.WriteStartElement("InitgPty", Namespace);
            Text(xml, "Nm", SepaText.Transliterate(initiatingParty, MaxNameLength));
            xml.WriteEndElement();
            xml.WriteEndElement();

            var groups = batch.Lines.GroupBy(l => l.Debtor.Iban.Value, StringComparer.Ordinal).ToList();
            for (var g = 0; g < groups.Count; g++)
            {
                WritePaymentInformation(xml, batch, groups[g].ToList(), g + 1);
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void WritePaymentInformation(XmlWriter xml, PaymentBatch batch, List<PaymentLine> lines, int index)
    {
        var debtor = lines[0].Debtor;
        xml.WriteStartElement("PmtInf", Namespace);
        Text(xml, "PmtInfId", string.Create(CultureInfo.InvariantCulture, $"{MessageId(batch.Number)}-{index}"));
        Text(xml, "PmtMtd", "TRF");
        // One statement entry per payment, each carrying its EndToEndId, so the import confirms every payment on its own.
        Text(xml, "BtchBookg", "false");
        Text(xml, "NbOfTxs", lines.Count.ToString(CultureInfo.InvariantCulture));
        Text(xml, "CtrlSum", Amount(lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount)));
        xml.WriteStartElement("PmtTpInf", Namespace);
        xml.WriteStartElement("SvcLvl", Namespace);
        Text(xml, "Cd", "SEPA");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("ReqdExctnDt", Namespace);
        Text(xml, "Dt", DatePattern.Format(batch.ExecutionDate));
        xml.WriteEndElement();
        Party(xml, "Dbtr", debtor.Holder);
        Account(xml, "DbtrAcct", debtor.Iban);
        Agent(xml, "DbtrAgt", debtor.Bic);
        Text(xml, "ChrgBr", "SLEV");
        foreach (var line in lines)
        {
            WriteTransaction(xml, batch, line);
        }
        xml.WriteEndElement();
    }

    private static void WriteTransaction(XmlWriter xml, PaymentBatch batch, PaymentLine line)
    {
        xml.WriteStartElement("CdtTrfTxInf", Namespace);
        xml.WriteStartElement("PmtId", Namespace);
        Text(xml, "EndToEndId", batch.EndToEndIdOf(line).Value);
        xml.WriteEndElement();
        xml.WriteStartElement("Amt", Namespace);
        xml.WriteStartElement("InstdAmt", Namespace);
        xml.WriteAttributeString("Ccy", "EUR");
        xml.WriteString(Amount(line.Amount));
        xml.WriteEndElement();
        xml.WriteEndElement();
        if (line.Creditor.Bic is { } bic)
        {
            Agent(xml, "CdtrAgt", bic);
        }
        Party(xml, "Cdtr", line.Creditor.Holder);
        Account(xml, "CdtrAcct", line.Creditor.Iban);
        xml.WriteStartElement("RmtInf", Namespace);
        if (line.Reference is { } reference)
        {
            // A structured reference (ISO 11649) lets the payee's bank match the payment without reading text.
            xml.WriteStartElement("Strd", Namespace);
            xml.WriteStartElement("CdtrRefInf", Namespace);
            xml.WriteStartElement("Tp", Namespace);
            xml.WriteStartElement("CdOrPrtry", Namespace);
            Text(xml, "Cd", "SCOR");
            xml.WriteEndElement();
            Text(xml, "Issr", "ISO");
            xml.WriteEndElement();
            Text(xml, "Ref", reference.Value);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        else
        {
            Text(xml, "Ustrd", SepaText.Transliterate(line.Remittance ?? line.ItemKey, PaymentBatchLimits.MaxRemittanceLength));
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Party(XmlWriter xml, string element, string name)
    {
        xml.WriteStartElement(element, Namespace);
        Text(xml, "Nm", SepaText.Transliterate(name, MaxNameLength));
        xml.WriteEndElement();
    }

    private static void Account(XmlWriter xml, string element, Iban iban)
    {
        xml.WriteStartElement(element, Namespace);
        xml.WriteStartElement("Id", Namespace);
        Text(xml, "IBAN", iban.Value);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Agent(XmlWriter xml, string element, string? bic)
    {
        xml.WriteStartElement(element, Namespace);
        xml.WriteStartElement("FinInstnId", Namespace);
        if (bic is not null)
        {
            Text(xml, "BICFI", bic);
        }
        else
        {
            // Within SEPA the BIC is optional; the schema still wants an agent, so the EPC's placeholder is sent.
            xml.WriteStartElement("Othr", Namespace);
            Text(xml, "Id", "NOTPROVIDED");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, string element, string value) => xml.WriteElementString(element, Namespace, value);

    /// <summary>Euros with two decimals and a point, no grouping: the schema's decimal form.</summary>
    private static string Amount(Money money) => money.Euros.ToString("0.00", CultureInfo.InvariantCulture);
}
