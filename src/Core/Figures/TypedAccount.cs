using System.Collections.Concurrent;
using System.Globalization;
using PvoFinance.Ledger;
using PvoFinance.Regions;

namespace PvoFinance.LedgerFigures;

/// <summary>What kind of budget holder a journal is (see <see cref="Funding.FundingAccounts"/>).</summary>
public enum JournalKind
{
    /// <summary><c>source.&lt;source&gt;.&lt;year&gt;</c>: a funding source's budget year.</summary>
    Source,
    /// <summary><c>region.&lt;region&gt;</c>: a PVO.</summary>
    Region,
    /// <summary><c>intermediary.&lt;id&gt;</c>: an organisation that passes money on (the CCV).</summary>
    Intermediary,
    /// <summary><c>project.&lt;region&gt;.&lt;project&gt;</c>: a project of a region.</summary>
    Project,
    /// <summary>Any other journal (written by hand through the ledger API).</summary>
    Other,
}

/// <summary>A journal id read once into its parts.</summary>
/// <param name="Id">The journal id.</param>
/// <param name="Kind">What holds the money.</param>
/// <param name="Source">The source of a source journal.</param>
/// <param name="Year">The budget year of a source journal.</param>
/// <param name="Region">The region of a region or project journal.</param>
/// <param name="Intermediary">The intermediary of an intermediary journal.</param>
/// <param name="Project">The project of a project journal.</param>
public sealed record TypedJournal(string Id, JournalKind Kind, string? Source, int? Year, string? Region, string? Intermediary, string? Project)
{
    private static readonly ConcurrentDictionary<string, TypedJournal> Cache = new(StringComparer.Ordinal);

    /// <summary>Most distinct journal ids kept parsed; beyond it each is parsed again (a bound on memory).</summary>
    public const int CacheLimit = 100_000;

    /// <summary>The parts of <paramref name="id"/>; never throws (an unknown shape is <see cref="JournalKind.Other"/>).</summary>
    public static TypedJournal Parse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Cache.TryGetValue(id, out var known))
        {
            return known;
        }
        var parsed = Read(id);
        if (Cache.Count < CacheLimit)
        {
            Cache.TryAdd(id, parsed);
        }
        return parsed;
    }

    private static TypedJournal Read(string id)
    {
        var s = id.Split('.');
        return s[0] switch
        {
            "source" when s.Length == 3 && TypedAccount.YearOf(s[2]) is { } y => new(id, JournalKind.Source, s[1], y, null, null, null),
            "region" when s.Length == 2 => new(id, JournalKind.Region, null, null, s[1], null, null),
            "intermediary" when s.Length == 2 => new(id, JournalKind.Intermediary, null, null, null, s[1], null),
            "project" when s.Length == 3 => new(id, JournalKind.Project, null, null, s[1], null, s[2]),
            _ => new(id, JournalKind.Other, null, null, null, null, null),
        };
    }
}

/// <summary>
/// An account id read once, in the journal it is posted in, into what it means: its kind and the source, budget year,
/// region, debtor, project or intermediary its segments name (the chart of <see cref="Funding.FundingAccounts"/>).
/// Every other part of the system that needs to know whose money an account holds asks this type; nothing else splits
/// account ids.
/// </summary>
/// <param name="Id">The account id.</param>
/// <param name="Kind">Its kind (from its prefix).</param>
/// <param name="Source">The funding source whose money it holds, if its segments name one.</param>
/// <param name="Year">The source's budget year, if named.</param>
/// <param name="Region">The region it concerns: a commitment's, payable's or receivable's region, a region's funds.</param>
/// <param name="Debtor">Of a receivable: who owes (a region, a municipality code or a project).</param>
/// <param name="Project">Of a project's funds: the project.</param>
/// <param name="Intermediary">In an intermediary's journal: the intermediary holding the money.</param>
/// <param name="Counterpart">Of a clearing account: the journal the money is in transit to or from.</param>
public sealed record TypedAccount(
    string Id,
    AccountKind Kind,
    string? Source,
    int? Year,
    string? Region,
    string? Debtor,
    string? Project,
    string? Intermediary,
    TypedJournal? Counterpart)
{
    private static readonly ConcurrentDictionary<(string Journal, string Account), TypedAccount?> Cache = new();
    private static readonly HashSet<string> RegionIds = [.. RegionDefinition.All.Select(r => r.Id)];

    /// <summary>True when the account is a claim on one of the ten regions (a reclaim), not on a municipality or project.</summary>
    public bool IsClaimOnRegion => Kind == AccountKind.Receivable && Debtor is not null && RegionIds.Contains(Debtor);

    /// <summary>
    /// Reads <paramref name="account"/> as posted in <paramref name="journal"/>, or null when it is not a valid account
    /// id. Results are cached (up to <see cref="TypedJournal.CacheLimit"/> pairs): ids recur in every entry.
    /// </summary>
    public static TypedAccount? Parse(string journal, string account)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(account);
        if (Cache.TryGetValue((journal, account), out var known))
        {
            return known;
        }
        var parsed = Read(TypedJournal.Parse(journal), account);
        if (Cache.Count < TypedJournal.CacheLimit)
        {
            Cache.TryAdd((journal, account), parsed);
        }
        return parsed;
    }

    private static TypedAccount? Read(TypedJournal journal, string account)
    {
        if (!AccountId.TryParse(account, out var id, out _))
        {
            return null;
        }
        var s = account.Split(':');
        string? At(int i) => i < s.Length ? s[i] : null;
        var inIntermediary = journal.Kind == JournalKind.Intermediary;
        return id.Kind switch
        {
            // In an intermediary's journal the chart is <kind>:<intermediary>:<source>:<region> (FundingAccounts.PassThrough).
            AccountKind.Commitment or AccountKind.Payable when inIntermediary =>
                new(account, id.Kind, At(2), null, At(3), null, null, At(1), null),
            AccountKind.Commitment or AccountKind.Payable =>
                new(account, id.Kind, At(1), YearOf(At(2)), At(3), null, null, null, null),
            AccountKind.Receivable => new(account, id.Kind, At(1), YearOf(At(2)),
                At(3) is { } debtor && RegionIds.Contains(debtor) ? debtor : null, At(3), null, null, null),
            AccountKind.Region => new(account, id.Kind, At(2), null, At(1), null, null, null, null),
            AccountKind.Project => new(account, id.Kind, At(2), null, journal.Region, null, At(1), null, null),
            AccountKind.Clearing when TypedJournal.Parse(string.Join(':', s[1..])) is var other =>
                new(account, id.Kind, other.Source, other.Year, other.Region, null, other.Project, other.Intermediary, other),
            _ => new(account, id.Kind, At(1), YearOf(At(2)), null, null, null, null, null),
        };
    }

    /// <summary>A budget year segment (four digits), or null.</summary>
    internal static int? YearOf(string? text) =>
        text is { Length: 4 } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;
}
