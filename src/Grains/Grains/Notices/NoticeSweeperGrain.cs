using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using PvoFinance.Applications;
using PvoFinance.Grains.Applications;
using PvoFinance.Notices;
using PvoFinance.Storage;

namespace PvoFinance.Grains.Notices;

/// <summary>
/// One region's sweeper: on every reminder tick it reads the region's application rows through
/// <see cref="IApplicationListReaderGrain"/> (the same reader <c>GET /api/applications/due</c> uses, narrowed the same
/// way by the earliest running date), plans notices with <see cref="NoticePlanner"/> and the injected clock, and adds
/// them to <see cref="INoticeStore"/>. It has no grain state, so nothing grows with history; a tick on another silo
/// after a restart plans the same ids and the store keeps the first.
/// </summary>
public sealed class NoticeSweeperGrain(INoticeStore store, IClock clock, IServiceProvider services, ILogger<NoticeSweeperGrain> logger) : Grain, INoticeSweeperGrain
{
    /// <summary>The reminder's name.</summary>
    public const string ReminderName = "notice-sweep";

    private NoticeSweepSettings Settings => services.GetService<NoticeSweepSettings>() ?? NoticeSweepSettings.Default;

    /// <inheritdoc />
    public async Task<bool> Start()
    {
        var settings = Settings.Validated();
        // Registering again would move the next tick away by the first due time, so one already there stays as it is
        // (Orleans does not tell a reminder's period; a changed period applies once the reminder is gone, e.g. a new table).
        if (await this.GetReminder(ReminderName) is not null)
        {
            return false;
        }
        await this.RegisterOrUpdateReminder(ReminderName, settings.FirstDue, settings.Period);
        return true;
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }
        try
        {
            var result = await Sweep();
            if (result.Made > 0 || result.Pruned > 0)
            {
                logger.LogInformation("Notice sweep of {Region}: {Made} made, {Pruned} pruned ({Applications} applications read).",
                    result.Region, result.Made, result.Pruned, result.Applications);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The next tick tries again; what was added stays added (ids are stable), so nothing is made twice.
            logger.LogWarning(e, "Notice sweep of {Region} failed; the next tick retries.", this.GetPrimaryKeyString());
        }
    }

    /// <inheritdoc />
    public async Task<NoticeSweepResult> Sweep()
    {
        var region = this.GetPrimaryKeyString();
        var now = clock.GetCurrentInstant();
        var today = LegalClocks.Today(now);
        var dueBy = NoticeIds.Iso(today.PlusDays(NoticeRules.MaxLeadDays));
        var reader = GrainFactory.GetGrain<IApplicationListReaderGrain>(0);
        var planned = new List<Notice>();
        var (applications, truncated) = (0, false);
        string? after = null;
        do
        {
            var page = await reader.Page(new ApplicationListQuery(region, null, null, dueBy, after, ApplicationListLimits.MaxPageSize));
            foreach (var row in page.Rows)
            {
                applications++;
                var deadlines = JsonSerializer.Deserialize<Deadlines>(row.DeadlinesJson, ApplicationJson.Options) ?? Deadlines.None;
                planned.AddRange(NoticePlanner.Plan(new NoticeSubject(row.Id, row.Region, row.Title, row.FundOwner), deadlines, now));
            }
            truncated = planned.Count > NoticeLimits.MaxPerSweep;
            after = page.More && !truncated && page.Rows.Count > 0 ? page.Rows[^1].Id : null;
        }
        while (after is not null);
        var made = await store.AddAsync(region, [.. planned.Take(NoticeLimits.MaxPerSweep)]);
        var pruned = await store.PruneAsync(region, NoticePlanner.KeepFrom(now));
        return new NoticeSweepResult(region, NoticeIds.Iso(today), applications, planned.Count, made, pruned, truncated);
    }
}
