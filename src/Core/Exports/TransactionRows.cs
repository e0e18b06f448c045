using System.Collections.Frozen;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Applications;
using PvoFinance.Banking;
using PvoFinance.Funding;
using PvoFinance.Ledger;
using PvoFinance.LedgerFigures;
using PvoFinance.Regions;

namespace PvoFinance.Exports;

/// <summary>
/// Turns ledger entries into <see cref="TransactionRow"/>s. Pure: the same entries and lookups always give the same
/// rows. An entry's legs are paired in order into movements of one debit and one credit (most entries have exactly
/// two legs); reservations and voids hold no posted legs and give no rows.
/// </summary>
public static class TransactionRows
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>The rows of one entry.</summary>
    /// <param name="line">The entry.</param>
    /// <param name="lookups">Regions, sources and applications.</param>
    public static IReadOnlyList<TransactionRow> Of(LedgerLine line, ExportLookups lookups)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(lookups);
        if (line.Postings.Count == 0)
        {
            return [];
        }
        var reverses = line.ReversesSequence is { } s ? string.Create(CultureInfo.InvariantCulture, $"{line.Journal}:{s}") : "";
        var app = ApplicationPart.Of(line.Key, lookups);
        // Nearly every entry is one debit and one credit of the same amount: that one movement without the lists of
        // the general pairing (which gives the same movement for it).
        var legs = line.Postings;
        if (legs.Count == 2 && legs[0].Cents is not 0 and not long.MinValue && legs[0].Cents == -legs[1].Cents)
        {
            var (debitLeg, creditLeg) = legs[0].Cents > 0 ? (legs[0], legs[1]) : (legs[1], legs[0]);
            return [Row(line, lookups, app, debitLeg.Account, creditLeg.Account, debitLeg.Cents, reverses, Id(line))];
        }
        var pairs = FigureBook.Pair(legs);
        var rows = new TransactionRow[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var (debit, credit, cents) = pairs[i];
            rows[i] = Row(line, lookups, app, debit, credit, cents, reverses,
                pairs.Count == 1 ? Id(line) : string.Create(CultureInfo.InvariantCulture, $"{Id(line)}/{i + 1}"));
        }
        return rows;
    }

    /// <summary>The Amsterdam calendar date of an instant.</summary>
    public static LocalDate DateOf(Instant instant) => instant.InZone(Amsterdam).Date;

    // The Amsterdam day of the last instant asked for: consecutive entries are nearly always on the same day.
    [ThreadStatic] private static (Instant From, Instant To, string Text)? _day;

    private static string RecordedDate(Instant at)
    {
        if (_day is { } d && at >= d.From && at < d.To)
        {
            return d.Text;
        }
        var date = DateOf(at);
        var from = date.AtStartOfDayInZone(Amsterdam).ToInstant();
        var to = date.PlusDays(1).AtStartOfDayInZone(Amsterdam).ToInstant();
        var text = Iso(date);
        _day = (from, to, text);
        return text;
    }

    private static string Id(LedgerLine line) => string.Create(CultureInfo.InvariantCulture, $"{line.Journal}:{line.Sequence}");

    private static TransactionRow Row(LedgerLine line, ExportLookups lookups, ApplicationPart? app, string debit, string credit, long cents, string reverses, string id)
    {
        // Both accounts typed once by the figures module; the movement's kind decides the IATI type.
        var d = ParsedAccounts.Account(line.Journal, debit);
        var c = ParsedAccounts.Account(line.Journal, credit);
        var debitKind = d?.Kind;
        var creditKind = c?.Kind;
        var journal = ParsedAccounts.Journal(line.Journal);
        var (type, sign) = line.Kind == nameof(EntryKind.Reversal)
            ? Negate(Classify(Movement.KindOf(journal, c, d), creditKind, debitKind))
            : Classify(Movement.KindOf(journal, d, c), debitKind, creditKind);
        // The account that says whose money this is: the one that is not a clearing account between journals.
        var subject = debitKind == AccountKind.Clearing ? c : d;
        var (sourceId, source) = SourceOf(subject, lookups);
        // The region is named by whichever account names one (a commitment's credit, a payment's debit, …).
        var region = RegionOf(journal, subject, source, lookups)
            ?? RegionOf(journal, subject == d ? c : d, source, lookups)
            ?? app?.Application.Region;
        var project = journal.Kind == JournalKind.Project ? journal.Project : null;
        var regionName = region is null ? "" : lookups.RegionNames.GetValueOrDefault(region, "");
        var isInvoice = line.Key.StartsWith("invoice:", StringComparison.Ordinal);
        // The key's first segment decides the phase and the category of a movement no application describes: read once.
        var keyKind = app is null ? KeyKind(line.Key) : "";
        // Money on its way to an intermediary is received by the intermediary, not yet by the region it is for.
        var toIntermediary = IntermediaryReceiving(journal, d, c);

        var row = new TransactionRow
        {
            GrantId = line.Key.StartsWith("commit:", StringComparison.Ordinal) && sourceId is not null ? $"360G-pvo-{sourceId}-{Segment(line.Key, 1)}" : "",
            Journal = line.Journal,
            TransactionId = id,
            RegionCode = region ?? "",
            RegionName = regionName,
            FunderOrgId = source is null ? "" : lookups.FunderIds.GetValueOrDefault(source.Id, ""),
            FunderName = source?.Funder ?? "",
            FunderType = source is null ? "" : FunderType(source.Kind),
            RecipientOrgId = toIntermediary is not null ? IntermediaryOrgId(toIntermediary)
                : project is not null ? $"NL-PVO-{region}-{project}" : region is null ? "" : lookups.Recipients.TryGetValue(region, out var r1) ? r1.Id : $"NL-PVO-{region}",
            RecipientName = toIntermediary ?? project ?? (region is null ? "" : lookups.Recipients.TryGetValue(region, out var r2) ? r2.Name : "PVO " + region),
            // The intermediary's own incoming line of the money this line passes on (360Giving/IATI regranting).
            RegrantOf = line.PassesOn ?? "",
            IatiTransactionType = type,
            AwbPhase = app?.Phase ?? PhaseOf(keyKind, debitKind, creditKind),
            TransactionDate = RecordedDate(line.RecordedAt),
            ValueDate = Iso(line.ValueDate),
            FiscalYear = line.ValueDate.Year,
            AmountCents = sign * cents,
            DebitAccount = debit,
            CreditAccount = credit,
            CostCategory = app is not null ? "subsidie" : CategoryOf(keyKind, debitKind, creditKind),
            OverheadPct = source?.Kind == FundingSourceKind.ProjectOverhead && source.Overhead is { } o ? o.ToString() : "",
            PerResidentRate = isInvoice && source?.LevyRate is { } rate ? rate.ToString() : "",
            Population = isInvoice && line.Memo is { } memo ? Inhabitants(memo) : "",
            ReversesTransactionId = reverses,
            CreditorReference = CreditorReferenceOf(d, c, lookups),
            BankReference = app is null ? BankReferenceOf(line, keyKind) : "",
            EntryHash = line.Hash,
            PrevHash = line.PreviousHash,
        };
        return app is null ? row : app.Describe(row, sourceId);
    }

    /// <summary>
    /// What each kind of movement (<see cref="MovementKind"/>, from the figures module) is in IATI terms, and whether it
    /// adds to (+1) or undoes (−1) that type; movements the figures do not count fall back on their account kinds.
    /// </summary>
    private static (string Type, int Sign) Classify((MovementKind Kind, int Sign) movement, AccountKind? debit, AccountKind? credit)
    {
        // The movement's cents are positive (paired legs), so its sign is the kind's sign.
        var sign = movement.Sign;
        return movement.Kind switch
        {
            MovementKind.Commit => ("2", sign),                                       // outgoing commitment
            MovementKind.ReleaseCommitment or MovementKind.ReleasePayable => ("2", -sign), // released or reversed
            MovementKind.MakePayable => ("", sign),                                   // determined and still due: a reclassification
            MovementKind.PayFromCommitment or MovementKind.PayFromPayable or MovementKind.PayBack or MovementKind.Allocate
                or MovementKind.IntermediaryOut => ("3", sign),                       // disbursement
            MovementKind.Arrive or MovementKind.IntermediaryIn => ("1", sign),        // incoming funds on the receiving side
            MovementKind.ClaimReclaim or MovementKind.Invoice => ("11", sign),        // a claim owed: incoming commitment
            MovementKind.ReceiveReclaim or MovementKind.ReceiveInvoice or MovementKind.Contribute => ("1", sign), // money received
            MovementKind.Appropriate => ("", sign),                                   // the ceiling raised or lowered
            _ => (debit, credit) switch
            {
                (AccountKind.Region or AccountKind.Project, AccountKind.Clearing) => ("3", 1),
                (AccountKind.Clearing, _) => ("1", 1),
                _ => ("", 1),
            },
        };
    }

    private static (string, int) Negate((string Type, int Sign) c) => (c.Type, -c.Sign);

    // Segment n (0-based) of a colon-separated key, or null when it has fewer.
    private static string? Segment(string key, int n)
    {
        var parts = key.Split(':', n + 2);
        return parts.Length > n ? parts[n] : null;
    }

    // Dates repeat from row to row: each formatting thread keeps its own texts, bounded. (A shared concurrent cache
    // cost more than the formatting: asking its Count takes all of its locks, on every row.)
    [ThreadStatic] private static Dictionary<LocalDate, string>? _isoDates;

    private static string Iso(LocalDate date)
    {
        var dates = _isoDates ??= [];
        if (!dates.TryGetValue(date, out var text))
        {
            if (dates.Count >= 4_096)
            {
                dates.Clear();
            }
            text = LocalDatePattern.Iso.Format(date);
            dates[date] = text;
        }
        return text;
    }

    // The typed account names its source (region and project funds, an intermediary's accounts, a source's accounts);
    // a clearing account names none.
    private static (string? Id, FundingSourceDefinition? Source) SourceOf(TypedAccount? account, ExportLookups lookups)
    {
        if (account is null || account.Kind == AccountKind.Clearing || account.Source is not { } id)
        {
            return (null, null);
        }
        return lookups.SourcesBySpan.TryGetValue(id, out var source) ? (source.Id, source) : (id, null);
    }

    private static string? RegionOf(TypedJournal journal, TypedAccount? account, FundingSourceDefinition? source, ExportLookups lookups)
    {
        if (journal.Kind is JournalKind.Region or JournalKind.Project)
        {
            return Region(journal.Region!, lookups);
        }
        if (account?.Kind is AccountKind.Commitment or AccountKind.Payable && account.Region is { } region)
        {
            return Region(region, lookups);
        }
        if (journal.Kind != JournalKind.Intermediary && account is { Kind: AccountKind.Receivable, Debtor: { } debtor })
        {
            if (lookups.RegionIdsBySpan.TryGetValue(debtor, out var ofRegion))
            {
                return ofRegion;
            }
            if (lookups.MunicipalityRegionsBySpan.TryGetValue(debtor, out var ofMunicipality))
            {
                return ofMunicipality;
            }
        }
        return source?.Owner.Level == Access.ScopeLevel.Region ? source.Owner.Name : null;
    }

    private static string Region(string id, ExportLookups lookups) => lookups.RegionIdsBySpan.TryGetValue(id, out var region) ? region : id;

    /// <summary>The organisation id of an intermediary as a recipient: <c>NL-PVO-INTERMEDIARY-&lt;id&gt;</c>.</summary>
    public static string IntermediaryOrgId(string intermediary) => "NL-PVO-INTERMEDIARY-" + intermediary;

    // The intermediary a movement pays into: a source's disbursement to an intermediary's journal, or the intermediary's
    // own incoming line from a source. Null for every other movement (the intermediary passing money on included).
    private static string? IntermediaryReceiving(TypedJournal j, TypedAccount? debit, TypedAccount? credit)
    {
        if (j.Kind == JournalKind.Source && credit is { Kind: AccountKind.Clearing, Counterpart: { Kind: JournalKind.Intermediary } to })
        {
            return to.Intermediary;
        }
        if (j.Kind == JournalKind.Intermediary && debit is { Kind: AccountKind.Clearing, Counterpart: { Kind: JournalKind.Source } })
        {
            return j.Intermediary;
        }
        return null;
    }

    // "…: 931782 inhabitants (2024) …" as written by the levy invoices: the number before " inhabitants".
    private static string Inhabitants(string memo)
    {
        var at = memo.IndexOf(" inhabitants", StringComparison.Ordinal);
        var start = at;
        while (start > 0 && char.IsAsciiDigit(memo[start - 1]))
        {
            start--;
        }
        return at > 0 && start < at && at - start <= 9 && start >= 2 && memo[start - 1] == ' ' && memo[start - 2] == ':' ? memo[start..at] : "";
    }

    private static string PhaseOf(string keyKind, AccountKind? debit, AccountKind? credit) => keyKind switch
    {
        "ceiling" => "plafond",
        "commit" => "verlening",
        "pay" => "betaling",
        "invoice" or "contribution" => "bijdrage",
        "receipt" => "ontvangst",
        "overhead" => "overhead",
        "hours" => "natura",
        "alloc" => "overdracht",
        _ => debit == AccountKind.InKind || credit == AccountKind.InKindSource ? "natura" : "",
    };

    private static string CategoryOf(string keyKind, AccountKind? debit, AccountKind? credit) => keyKind switch
    {
        "ceiling" => "plafond",
        "commit" or "pay" => "subsidie",
        "invoice" or "contribution" or "receipt" => "bijdrage",
        "overhead" => "overhead",
        "hours" => "natura",
        "alloc" => "overdracht",
        _ => debit == AccountKind.InKind ? "natura" : "",
    };

    // The reference that finds the line at the bank (see docs/exports.md): what a statement's booking wrote in the memo,
    // else the id a receipt or payment was recorded under by hand or in a batch (a statement receipt's id is a hash:
    // not a reference anyone could look up).
    private static string BankReferenceOf(LedgerLine line, string keyKind)
    {
        if (BankMemo.ReferenceOf(line.Memo) is { } fromStatement)
        {
            return fromStatement;
        }
        var id = keyKind switch
        {
            "receipt" => Segment(line.Key, 1),
            "pay" => Segment(line.Key, 2),
            _ => null,
        };
        return id is null || StatementReceipts.IsStatementReceiptId(id) ? "" : id;
    }

    // The ISO 11649 reference printed on a levy invoice, on the invoice's row and on every row of money received or
    // written off against it: derived from the receivable (source, year, municipality), as the invoice derives it.
    private static string CreditorReferenceOf(TypedAccount? debit, TypedAccount? credit, ExportLookups lookups)
    {
        var receivable = debit?.Kind == AccountKind.Receivable ? debit : credit?.Kind == AccountKind.Receivable ? credit : null;
        if (receivable is not { Source: { } sourceId, Year: { } year, Debtor: { } debtor }
            || !debtor.StartsWith("gm", StringComparison.OrdinalIgnoreCase)
            || !lookups.SourcesBySpan.TryGetValue(sourceId, out var source) || source.Kind != FundingSourceKind.MunicipalLevy)
        {
            return "";
        }
        var references = _creditorReferences ??= [];
        var key = (source.Id, year, debtor);
        if (!references.TryGetValue(key, out var text))
        {
            if (references.Count >= 4_096)
            {
                references.Clear();
            }
            text = LevyReference.TryFor(source.Id, year, debtor)?.Value ?? "";
            references[key] = text;
        }
        return text;
    }

    // A reference costs a SHA-256 and a mod-97: each formatting thread keeps the ones it made, bounded.
    [ThreadStatic] private static Dictionary<(string, int, string), string>? _creditorReferences;

    // The first segment of a key, as one of the known literals (no allocation), or empty.
    private static string KeyKind(string key)
    {
        var colon = key.IndexOf(':');
        var head = colon < 0 ? key.AsSpan() : key.AsSpan(0, colon);
        foreach (var known in KnownKeyKinds)
        {
            if (head.SequenceEqual(known))
            {
                return known;
            }
        }
        return "";
    }

    private static readonly string[] KnownKeyKinds = ["ceiling", "commit", "pay", "invoice", "contribution", "receipt", "overhead", "hours", "alloc", "app"];

    private static string FunderType(FundingSourceKind kind) => kind switch
    {
        FundingSourceKind.NationalScheme => "ministry",
        FundingSourceKind.ProvincialFund => "province",
        FundingSourceKind.MunicipalLevy => "municipality",
        FundingSourceKind.ProjectOverhead => "own",
        FundingSourceKind.Private => "business",
        FundingSourceKind.InKind => "in-kind",
        _ => "",
    };

    /// <summary>A name as an id part: lower-case ASCII letters and digits, other runs as one '-'.</summary>
    public static string Slug(string text)
    {
        var b = new System.Text.StringBuilder(text.Length);
        foreach (var ch in text.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                b.Append(char.ToLowerInvariant(ch));
            }
            else if (char.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark && b.Length > 0 && b[^1] != '-')
            {
                b.Append('-');
            }
        }
        return b.ToString().Trim('-');
    }
}
