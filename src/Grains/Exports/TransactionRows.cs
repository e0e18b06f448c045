using System.Collections.Frozen;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Ledger;
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
        var pairs = Pair(line.Postings);
        var reverses = line.ReversesSequence is { } s ? string.Create(CultureInfo.InvariantCulture, $"{line.Journal}:{s}") : "";
        var app = ApplicationPart.Of(line.Key, lookups);
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

    // Debits and credits in entry order, matched greedily: every cent of every leg is in exactly one movement.
    private static List<(string Debit, string Credit, long Cents)> Pair(IReadOnlyList<LedgerLeg> legs)
    {
        if (legs.Count == 2 && legs[0].Cents == -legs[1].Cents && legs[0].Cents != 0)
        {
            return legs[0].Cents > 0 ? [(legs[0].Account, legs[1].Account, legs[0].Cents)] : [(legs[1].Account, legs[0].Account, legs[1].Cents)];
        }
        var debits = legs.Where(l => l.Cents > 0).Select(l => (l.Account, l.Cents)).ToList();
        var credits = legs.Where(l => l.Cents < 0).Select(l => (l.Account, Cents: -l.Cents)).ToList();
        var pairs = new List<(string, string, long)>();
        int d = 0, c = 0;
        long dLeft = debits.Count > 0 ? debits[0].Cents : 0, cLeft = credits.Count > 0 ? credits[0].Cents : 0;
        while (d < debits.Count && c < credits.Count)
        {
            var amount = Math.Min(dLeft, cLeft);
            pairs.Add((debits[d].Account, credits[c].Account, amount));
            dLeft -= amount;
            cLeft -= amount;
            if (dLeft == 0 && ++d < debits.Count)
            {
                dLeft = debits[d].Cents;
            }
            if (cLeft == 0 && ++c < credits.Count)
            {
                cLeft = credits[c].Cents;
            }
        }
        if (d < debits.Count || c < credits.Count)
        {
            throw new InvalidOperationException("Invariant broken: an entry's debits and credits do not add up.");
        }
        return pairs;
    }

    private static TransactionRow Row(LedgerLine line, ExportLookups lookups, ApplicationPart? app, string debit, string credit, long cents, string reverses, string id)
    {
        var debitKind = KindOf(debit);
        var creditKind = KindOf(credit);
        var (type, sign) = line.Kind == nameof(EntryKind.Reversal) ? Negate(Classify(creditKind, debitKind)) : Classify(debitKind, creditKind);
        // The account that says whose money this is: the one that is not a clearing account between journals.
        var subject = debitKind == AccountKind.Clearing ? credit : debit;
        var (sourceId, source) = SourceOf(line.Journal, subject, lookups);
        // The region is named by whichever account names one (a commitment's credit, a payment's debit, …).
        var region = RegionOf(line.Journal, subject, source, lookups)
            ?? RegionOf(line.Journal, subject == debit ? credit : debit, source, lookups)
            ?? app?.Application.Region;
        var project = line.Journal.StartsWith("project.", StringComparison.Ordinal) ? Segment(line.Journal, 2, '.') : null;
        var regionName = region is null ? "" : lookups.RegionNames.GetValueOrDefault(region, "");
        var isInvoice = line.Key.StartsWith("invoice:", StringComparison.Ordinal);
        // Money on its way to an intermediary is received by the intermediary, not yet by the region it is for.
        var toIntermediary = IntermediaryReceiving(line.Journal, debit, credit);

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
            AwbPhase = app?.Phase ?? PhaseOf(line.Key, debitKind, creditKind),
            TransactionDate = RecordedDate(line.RecordedAt),
            ValueDate = Iso(line.ValueDate),
            FiscalYear = line.ValueDate.Year,
            AmountCents = sign * cents,
            DebitAccount = debit,
            CreditAccount = credit,
            CostCategory = app is not null ? "subsidie" : CategoryOf(line.Key, debitKind, creditKind),
            OverheadPct = source?.Kind == FundingSourceKind.ProjectOverhead && source.Overhead is { } o ? o.ToString() : "",
            PerResidentRate = isInvoice && source?.LevyRate is { } rate ? rate.ToString() : "",
            Population = isInvoice && line.Memo is { } memo ? Inhabitants(memo) : "",
            ReversesTransactionId = reverses,
            EntryHash = line.Hash,
            PrevHash = line.PreviousHash,
        };
        return app is null ? row : app.Describe(row, sourceId);
    }

    /// <summary>What each kind of movement is in IATI terms, and whether it adds to (+1) or undoes (−1) that type.</summary>
    private static (string Type, int Sign) Classify(AccountKind? debit, AccountKind? credit) => (debit, credit) switch
    {
        (AccountKind.Budget, AccountKind.Commitment) => ("2", 1),                 // outgoing commitment
        (AccountKind.Commitment, AccountKind.Budget) => ("2", -1),                // released or reversed
        (AccountKind.Payable, AccountKind.Budget) => ("2", -1),                   // a payable reversed
        (AccountKind.Commitment, AccountKind.Payable) => ("", 1),                 // determined and still due: a reclassification
        (AccountKind.Commitment or AccountKind.Payable or AccountKind.Region or AccountKind.Project, AccountKind.Clearing) => ("3", 1), // disbursement
        (AccountKind.Clearing, _) => ("1", 1),                                    // incoming funds on the receiving side
        (AccountKind.Receivable, AccountKind.Budget) => ("11", 1),                // a claim or contribution owed: incoming commitment
        (AccountKind.Budget, AccountKind.Receivable) => ("11", -1),               // a claim reduced
        (AccountKind.Cash, AccountKind.Receivable or AccountKind.Budget) => ("1", 1), // money received
        (AccountKind.Appropriation, AccountKind.Budget) => ("", 1),               // the ceiling raised
        (AccountKind.Budget, AccountKind.Appropriation) => ("", -1),              // the ceiling lowered
        _ => ("", 1),
    };

    private static (string, int) Negate((string Type, int Sign) c) => (c.Type, -c.Sign);

    // The kind from the prefix alone: the ledger validated every account when it was posted.
    private static readonly System.Collections.Frozen.FrozenDictionary<string, AccountKind> Kinds =
        ChartOfAccounts.Rules.ToDictionary(r => r.Prefix, r => r.Kind).ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly System.Collections.Frozen.FrozenDictionary<string, AccountKind>.AlternateLookup<ReadOnlySpan<char>> KindsBySpan =
        Kinds.GetAlternateLookup<ReadOnlySpan<char>>();

    private static AccountKind? KindOf(string account)
    {
        var colon = account.IndexOf(':');
        return colon > 0 && KindsBySpan.TryGetValue(account.AsSpan(0, colon), out var kind) ? kind : null;
    }

    // Segment n (0-based) of a colon-separated id as a span; empty when it has fewer.
    private static ReadOnlySpan<char> SegmentSpan(string text, int n, char separator = ':')
    {
        var start = 0;
        for (var i = 0; i < n; i++)
        {
            start = text.IndexOf(separator, start);
            if (start < 0)
            {
                return [];
            }
            start++;
        }
        var end = text.IndexOf(separator, start);
        return end < 0 ? text.AsSpan(start) : text.AsSpan(start, end - start);
    }

    // Segment n (0-based) of a colon-separated id, or null when it has fewer.
    private static string? Segment(string text, int n, char separator = ':')
    {
        var start = 0;
        for (var i = 0; i < n; i++)
        {
            start = text.IndexOf(separator, start);
            if (start < 0)
            {
                return null;
            }
            start++;
        }
        var end = text.IndexOf(separator, start);
        return end < 0 ? text[start..] : text[start..end];
    }

    // Dates recur: format each once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<LocalDate, string> IsoDates = new();

    private static string Iso(LocalDate date) =>
        IsoDates.Count < 100_000 ? IsoDates.GetOrAdd(date, d => LocalDatePattern.Iso.Format(d)) : LocalDatePattern.Iso.Format(date);

    // Accounts name their source: <kind>:<source>:<year>…, region:<region>:<source>, project:<project>:<source>; an
    // intermediary's journal names the intermediary first and the source second.
    private static (string? Id, FundingSourceDefinition? Source) SourceOf(string journal, string account, ExportLookups lookups)
    {
        var segment = (KindOf(account), journal.StartsWith("intermediary.", StringComparison.Ordinal)) switch
        {
            (AccountKind.Region or AccountKind.Project, _) => SegmentSpan(account, 2),
            (AccountKind.Clearing, _) => [],
            (_, true) => SegmentSpan(account, 2),
            (not null, false) => SegmentSpan(account, 1),
            _ => [],
        };
        if (segment.IsEmpty)
        {
            return (null, null);
        }
        return lookups.SourcesBySpan.TryGetValue(segment, out var source) ? (source.Id, source) : (segment.ToString(), null);
    }

    private static string? RegionOf(string journal, string account, FundingSourceDefinition? source, ExportLookups lookups)
    {
        if (journal.StartsWith("region.", StringComparison.Ordinal) || journal.StartsWith("project.", StringComparison.Ordinal))
        {
            return Region(SegmentSpan(journal, 1, '.'), lookups);
        }
        if (journal.StartsWith("intermediary.", StringComparison.Ordinal) && SegmentSpan(account, 3) is { IsEmpty: false } via)
        {
            return Region(via, lookups);
        }
        if (KindOf(account) is AccountKind.Commitment or AccountKind.Payable or AccountKind.Receivable && SegmentSpan(account, 3) is { IsEmpty: false } who)
        {
            if (lookups.RegionIdsBySpan.TryGetValue(who, out var region))
            {
                return region;
            }
            if (lookups.MunicipalityRegionsBySpan.TryGetValue(who, out var ofMunicipality))
            {
                return ofMunicipality;
            }
        }
        return source?.Owner.Level == Access.ScopeLevel.Region ? source.Owner.Name : null;
    }

    /// <summary>The organisation id of an intermediary as a recipient: <c>NL-PVO-INTERMEDIARY-&lt;id&gt;</c>.</summary>
    public static string IntermediaryOrgId(string intermediary) => "NL-PVO-INTERMEDIARY-" + intermediary;

    // The intermediary a movement pays into: a source's disbursement to an intermediary's journal, or the intermediary's
    // own incoming line from a source. Null for every other movement (the intermediary passing money on included).
    private static string? IntermediaryReceiving(string journal, string debit, string credit)
    {
        const string clearingIntermediary = "clearing:intermediary.";
        if (journal.StartsWith("source.", StringComparison.Ordinal) && credit.StartsWith(clearingIntermediary, StringComparison.Ordinal))
        {
            return credit[clearingIntermediary.Length..];
        }
        if (journal.StartsWith("intermediary.", StringComparison.Ordinal) && debit.StartsWith("clearing:source.", StringComparison.Ordinal))
        {
            return journal["intermediary.".Length..];
        }
        return null;
    }

    private static string Region(ReadOnlySpan<char> id, ExportLookups lookups) => lookups.RegionIdsBySpan.TryGetValue(id, out var region) ? region : id.ToString();

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

    private static string PhaseOf(string key, AccountKind? debit, AccountKind? credit) => KeyKind(key) switch
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

    private static string CategoryOf(string key, AccountKind? debit, AccountKind? credit) => KeyKind(key) switch
    {
        "ceiling" => "plafond",
        "commit" or "pay" => "subsidie",
        "invoice" or "contribution" or "receipt" => "bijdrage",
        "overhead" => "overhead",
        "hours" => "natura",
        "alloc" => "overdracht",
        _ => debit == AccountKind.InKind ? "natura" : "",
    };

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
