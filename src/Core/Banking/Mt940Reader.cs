using NodaTime;

namespace PvoFinance.Banking;

/// <summary>
/// Reads a SWIFT MT940 customer statement as Dutch banks send it: <c>:20:</c> reference, <c>:25:</c> account (IBAN,
/// optionally followed by the currency), <c>:60F:</c> opening balance, <c>:61:</c> entries each with an optional
/// <c>:86:</c> description (the structured <c>/EREF/ /CNTP/ /REMI/</c> form is read), <c>:62F:</c> closing balance.
/// Refusals name the file's line number and the tag.
/// </summary>
internal static class Mt940Reader
{
    private static readonly HashSet<string> Codes = new(StringComparer.Ordinal)
    {
        "TRTP", "EREF", "CNTP", "REMI", "IBAN", "NAME", "BIC", "CSID", "MARF", "PREF", "RTRN", "ORDP", "BENM", "PURP", "ULTC", "ULTD", "ADDR", "CITY",
    };

    private sealed record Field(string Tag, string Value, int Line);

    public static Statement Read(string text)
    {
        var fields = Fields(text);
        string? reference = null;
        Iban? account = null;
        (LocalDate Date, Money Amount)? opening = null, closing = null;
        var lines = new List<StatementLine>();
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var where = $"line {field.Line}";
            switch (field.Tag)
            {
                case "20":
                    if (reference is not null)
                    {
                        throw new StatementException(where, ":20:", "A file holds exactly one statement; a second :20: starts another.");
                    }
                    reference = StatementFields.Text(field.Value, 35) ?? throw new StatementException(where, ":20:", "The statement reference is empty.");
                    break;
                case "25":
                    account = Account(field.Value, where);
                    break;
                case "60F" or "60M":
                    opening = Balance(field.Value, where, ":" + field.Tag + ":");
                    break;
                case "62F" or "62M":
                    closing = Balance(field.Value, where, ":" + field.Tag + ":");
                    break;
                case "61":
                    if (lines.Count == Statement.MaxLines)
                    {
                        throw new StatementException(where, ":61:", $"A statement holds at most {Statement.MaxLines} entries.");
                    }
                    var description = i + 1 < fields.Count && fields[i + 1].Tag == "86" ? fields[++i] : null;
                    lines.Add(Entry(field, description, lines.Count + 1));
                    break;
                default:
                    break; // :28C:, :64:, :65:, a statement-level :86: — not needed for matching.
            }
        }
        if (reference is null)
        {
            throw new StatementException(null, ":20:", "The statement has no :20: reference.");
        }
        var iban = account ?? throw new StatementException(null, ":25:", "The statement names no account (:25:).");
        var open = opening ?? throw new StatementException(null, ":60F:", "The statement has no opening balance (:60F:).");
        var close = closing ?? throw new StatementException(null, ":62F:", "The statement has no closing balance (:62F:).");
        return new Statement(reference, iban, StatementFormat.Mt940, open.Date, open.Amount, close.Date, close.Amount, lines);
    }

    private static List<Field> Fields(string text)
    {
        var fields = new List<Field>();
        var physical = text.Split('\n');
        string? tag = null;
        var value = new System.Text.StringBuilder();
        var start = 0;
        void Flush()
        {
            if (tag is not null)
            {
                fields.Add(new Field(tag, value.ToString(), start));
            }
        }
        for (var n = 0; n < physical.Length; n++)
        {
            var line = physical[n].TrimEnd('\r');
            if (line.Length > 2_000)
            {
                throw new StatementException($"line {n + 1}", "line", "An MT940 line has at most 2,000 characters.");
            }
            if (line.StartsWith(':') && line.IndexOf(':', 1) is > 1 and var close && close <= 5)
            {
                Flush();
                tag = line[1..close];
                value.Clear().Append(line[(close + 1)..]);
                start = n + 1;
            }
            else if (line.StartsWith('-') || line.StartsWith('{') || line.Length == 0)
            {
                Flush();
                tag = null; // the end of the text block, a SWIFT header or a blank line
            }
            else if (tag is not null)
            {
                value.Append(tag == "61" ? "\n" : "").Append(line);
            }
        }
        Flush();
        return fields;
    }

    private static Iban Account(string value, string where)
    {
        var text = value.Trim();
        // Some banks write the currency after the IBAN (NL91ABNA0417164300EUR) or the BIC before it (ABNANL2A/NL91…).
        var slash = text.LastIndexOf('/');
        if (slash >= 0)
        {
            text = text[(slash + 1)..];
        }
        if (text.Length > 3 && text[^3..].All(char.IsAsciiLetterUpper) && !Iban.TryParse(text, out _, out _))
        {
            StatementFields.Euro(text[^3..], where, ":25:");
            text = text[..^3];
        }
        return StatementFields.Iban(text, where, ":25:");
    }

    private static (LocalDate, Money) Balance(string value, string where, string field)
    {
        var text = value.Trim();
        if (text.Length < 11 || text[0] is not ('C' or 'D'))
        {
            throw new StatementException(where, field, "A balance is C or D, the date (yymmdd), the currency and the amount.");
        }
        var date = StatementFields.ShortDay(text[1..7], where, field);
        StatementFields.Euro(text[7..10], where, field);
        var amount = StatementFields.Amount(text[10..], ',', where, field);
        return (date, text[0] == 'D' ? -amount : amount);
    }

    private static StatementLine Entry(Field field, Field? description, int number)
    {
        var where = $"line {field.Line}";
        var text = field.Value.Split('\n')[0].Trim();
        if (text.Length < 12)
        {
            throw new StatementException(where, ":61:", "An entry is the value date, C or D, the amount, the type and the references.");
        }
        var valueDate = StatementFields.ShortDay(text[..6], where, ":61: value date");
        var pos = 6;
        var booked = valueDate;
        if (text.Length > pos + 4 && text[pos..(pos + 4)].All(char.IsAsciiDigit))
        {
            booked = BookingDay(valueDate, text[pos..(pos + 4)], where);
            pos += 4;
        }
        StatementDirection direction;
        if (text[pos..].StartsWith("RC", StringComparison.Ordinal) || text[pos..].StartsWith("RD", StringComparison.Ordinal))
        {
            // A reversal of a credit takes money out, of a debit brings it back.
            direction = text[pos + 1] == 'C' ? StatementDirection.Debit : StatementDirection.Credit;
            pos += 2;
        }
        else if (text[pos] is 'C' or 'D')
        {
            direction = text[pos] == 'C' ? StatementDirection.Credit : StatementDirection.Debit;
            pos += 1;
        }
        else
        {
            throw new StatementException(where, ":61: debit/credit mark", $"'{text[pos]}' is not C, D, RC or RD.");
        }
        if (pos < text.Length && char.IsAsciiLetter(text[pos]))
        {
            pos++; // the funds code (third currency letter)
        }
        var amountEnd = pos;
        while (amountEnd < text.Length && (char.IsAsciiDigit(text[amountEnd]) || text[amountEnd] == ','))
        {
            amountEnd++;
        }
        var amount = StatementFields.Amount(text[pos..amountEnd], ',', where, ":61: amount");
        var rest = amountEnd + 4 <= text.Length ? text[(amountEnd + 4)..] : "";
        var split = rest.IndexOf("//", StringComparison.Ordinal);
        var customer = split >= 0 ? rest[..split] : rest;
        var bank = split >= 0 ? rest[(split + 2)..] : null;
        var info = Describe(description);
        var endToEnd = info.EndToEnd ?? (customer is "" or "NONREF" ? null : customer);
        return new StatementLine(number, direction, amount, booked, valueDate, StatementFields.Text(bank, 35),
            endToEnd is "NOTPROVIDED" ? null : StatementFields.Text(endToEnd, 35), info.Name,
            info.Iban, info.Reference, info.Remittance);
    }

    private static LocalDate BookingDay(LocalDate valueDate, string mmdd, string where)
    {
        // The entry date has no year: it is the value date's year, or the next or previous one across a year end.
        var month = int.Parse(mmdd[..2], System.Globalization.CultureInfo.InvariantCulture);
        var day = int.Parse(mmdd[2..], System.Globalization.CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(valueDate.Year, month))
        {
            throw new StatementException(where, ":61: entry date", $"'{mmdd}' is not a date (mmdd).");
        }
        var date = new LocalDate(valueDate.Year, month, day);
        if (Period.Between(valueDate, date, PeriodUnits.Days).Days > 180)
        {
            return date.PlusYears(-1);
        }
        return Period.Between(date, valueDate, PeriodUnits.Days).Days > 180 ? date.PlusYears(1) : date;
    }

    private static (string? EndToEnd, string? Name, Iban? Iban, CreditorReference? Reference, string? Remittance) Describe(Field? description)
    {
        if (description is null)
        {
            return (null, null, null, null, null);
        }
        var where = $"line {description.Line}";
        var text = description.Value.Trim();
        if (!text.StartsWith('/'))
        {
            return (null, null, null, null, StatementFields.Text(text));
        }
        var parts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var token in text.Split('/'))
        {
            if (Codes.Contains(token) && (current is null || !(current.Count == 0 && token is "IBAN" or "BIC" or "NAME")))
            {
                current = parts.TryAdd(token, []) ? parts[token] : null;
            }
            else
            {
                current?.Add(token);
            }
        }
        string? Part(string code) => parts.TryGetValue(code, out var values) ? string.Join('/', values).Trim('/') : null;
        var counterparty = parts.TryGetValue("CNTP", out var cntp) ? cntp : null;
        var ibanText = counterparty is { Count: > 0 } && counterparty[0].Length > 0 ? counterparty[0] : Part("IBAN");
        var name = counterparty is { Count: > 2 } ? counterparty[2] : Part("NAME");
        Iban? iban = string.IsNullOrEmpty(ibanText) ? null : StatementFields.Iban(ibanText, where, ":86: /CNTP/ IBAN");
        CreditorReference? reference = null;
        string? remittance = null;
        var remi = parts.TryGetValue("REMI", out var remiParts) ? remiParts.Where(p => p.Length > 0).ToList() : [];
        if (remi.Count > 0)
        {
            if (remi[0] == "STRD")
            {
                reference = StatementFields.Reference(remi[^1], where, ":86: /REMI/STRD/");
                remittance = reference is null ? remi[^1] : null;
            }
            else
            {
                remittance = string.Join(' ', remi.Skip(remi[0] == "USTD" ? 1 : 0).Where(p => p.Length > 0));
            }
        }
        return (StatementFields.Text(Part("EREF"), 35), StatementFields.Text(name, 70), iban, reference, StatementFields.Text(remittance));
    }
}
