using Orleans.Concurrency;
using PvoFinance.Storage;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// Reads the regions' lists straight from <see cref="IApplicationListStore"/>: any silo, many activations, never
/// in the writer's turn, so reads do not queue behind writes. The writer's rows not yet in the store are laid over
/// each page, so an application's change shows in the list as soon as its request has been answered.
/// </summary>
[StatelessWorker]
public sealed class ApplicationListReaderGrain(IApplicationListStore store) : Grain, IApplicationListReaderGrain
{
    /// <inheritdoc />
    public async Task<ApplicationListPage> Page(ApplicationListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ApplicationListLimits.Validate(query);
        // The writer first, the table second: a row that leaves the queue in between is then in the table, so no
        // change made before this read began is missed. Asking the writer also activates it, which moves a list of
        // the previous version into rows before the table is read.
        var pending = await GrainFactory.GetGrain<IApplicationIndexGrain>(query.Region).Pending(query.AfterId);
        var page = await store.QueryAsync(query);
        return pending.Count == 0 ? page : Overlay(query, page, pending);
    }

    /// <summary>
    /// <paramref name="page"/> with <paramref name="pending"/> laid over it: the page covers ids up to its last row (or
    /// all ids when nothing follows), so a pending row in that span replaces an older stored one, joins the page when it
    /// matches, or removes the stored row when it no longer matches.
    /// </summary>
    public static ApplicationListPage Overlay(ApplicationListQuery query, ApplicationListPage page, IReadOnlyList<ApplicationListRow> pending)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(pending);
        var upTo = page.More && page.Rows.Count > 0 ? page.Rows[^1].Id : null;
        var rows = page.Rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var row in pending)
        {
            if ((upTo is not null && string.CompareOrdinal(row.Id, upTo) > 0) || (query.AfterId is not null && string.CompareOrdinal(row.Id, query.AfterId) <= 0))
            {
                continue;
            }
            if (rows.TryGetValue(row.Id, out var stored) && stored.Sequence >= row.Sequence)
            {
                continue;
            }
            if (ApplicationListLimits.Matches(query, row))
            {
                rows[row.Id] = row;
            }
            else
            {
                rows.Remove(row.Id);
            }
        }
        var merged = rows.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        return merged.Count > query.Max ? new ApplicationListPage(merged[..query.Max], true) : new ApplicationListPage(merged, page.More);
    }
}
