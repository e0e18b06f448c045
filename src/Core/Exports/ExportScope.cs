using PvoFinance.Access;
using PvoFinance.Funding;
using PvoFinance.Ledger;
using PvoFinance.LedgerFigures;
using PvoFinance.Regions;

namespace PvoFinance.Exports;

/// <summary>
/// Which journals an export of a scope reads and which rows it keeps: national keeps everything; a province keeps
/// what concerns its regions and its own funds; a region keeps what concerns it (its journal, its projects, what
/// funds committed, paid or claimed to it, and its own sources).
/// </summary>
public sealed class ExportScope
{
    private readonly RegionCatalog _catalog;
    private readonly HashSet<string> _regions;

    /// <summary>The filter for <paramref name="scope"/>.</summary>
    public ExportScope(Scope scope, RegionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Scope = scope;
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _regions = scope.Level switch
        {
            ScopeLevel.National => [.. RegionDefinition.All.Select(r => r.Id)],
            ScopeLevel.Province => [.. RegionDefinition.All.Select(r => r.Id).Where(r => catalog.ProvincesOf(r).Contains(scope.Name!))],
            _ => [scope.Name!],
        };
    }

    /// <summary>The scope.</summary>
    public Scope Scope { get; }

    /// <summary>The regions in scope, in id order.</summary>
    public IReadOnlyList<string> Regions => [.. _regions.Order(StringComparer.Ordinal)];

    /// <summary>Whether a source's journals may hold rows in scope: national and provincial funds that can reach the scope's regions, and the scope's regions' own sources.</summary>
    public bool Reads(FundingSourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Owner.Level switch
        {
            ScopeLevel.National => true,
            ScopeLevel.Province => Scope.Level == ScopeLevel.National || _regions.Any(r => _catalog.ProvincesOf(r).Contains(source.Owner.Name!)),
            _ => _regions.Contains(source.Owner.Name!),
        };
    }

    /// <summary>
    /// Whether every movement of <paramref name="account"/> in <paramref name="journal"/> is in scope, so the export's
    /// total for it must equal the ledger's: everything nationally; otherwise the scope's regions' and projects'
    /// journals, what funds committed, owe or claim to the scope's regions, the regions' own sources, and (for a
    /// province) its own funds. A national scheme's budget in a region's export is not: other regions draw on it too.
    /// </summary>
    public bool Owns(string journal, string account, IReadOnlyDictionary<string, FundingSourceDefinition> sources)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(sources);
        if (Scope.Level == ScopeLevel.National)
        {
            return true;
        }
        var j = TypedJournal.Parse(journal);
        if (j.Kind is JournalKind.Region or JournalKind.Project)
        {
            return _regions.Contains(j.Region!);
        }
        var a = TypedAccount.Parse(journal, account);
        if (j.Kind == JournalKind.Intermediary)
        {
            return a?.Region is { } via && _regions.Contains(via);
        }
        if (j.Kind == JournalKind.Source && sources.TryGetValue(j.Source!, out var source))
        {
            if (source.Owner.Level == ScopeLevel.Region ? _regions.Contains(source.Owner.Name!) : source.Owner == Scope)
            {
                return true;
            }
            return a is { Kind: AccountKind.Commitment or AccountKind.Payable or AccountKind.Receivable } && (a.Region ?? a.Debtor) is { } who && _regions.Contains(who);
        }
        return false;
    }

    /// <summary>Whether <paramref name="row"/> is in scope; <paramref name="source"/> is the row's source, if any.</summary>
    public bool Keeps(TransactionRow row, FundingSourceDefinition? source)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (Scope.Level == ScopeLevel.National)
        {
            return true;
        }
        if (row.RegionCode.Length > 0)
        {
            return _regions.Contains(row.RegionCode);
        }
        // Rows of a fund as a whole (its ceiling) belong to the fund's owner.
        return Scope.Level == ScopeLevel.Province && source?.Owner == Scope;
    }
}
