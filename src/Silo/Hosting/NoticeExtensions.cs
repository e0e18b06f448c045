using PvoFinance.Grains.Notices;
using PvoFinance.Notices;
using PvoFinance.Silo.Storage;

namespace PvoFinance.Silo.Hosting;

/// <summary>Registers the notices: their store, Orleans' reminder service, and the sweepers' reminders at silo start.</summary>
public static class NoticeExtensions
{
    /// <summary>The purpose part of the reminder table's name (after the storage prefix).</summary>
    public const string ReminderTablePurpose = "Reminders";

    /// <summary>The purpose part of the notice table's name (after the storage prefix).</summary>
    public const string NoticeTablePurpose = "notices";

    /// <summary>
    /// Adds <see cref="INoticeStore"/> (the table <c>&lt;prefix&gt;notices</c> when storage is durable, memory otherwise)
    /// and the reminder service: reminders in the table <c>&lt;prefix&gt;Reminders</c> of the same account as state and
    /// membership when durable, in memory otherwise.
    /// </summary>
    public static ISiloBuilder AddPvoNotices(this ISiloBuilder silo, StorageSettings storage)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.IsDurable)
        {
            silo.Services.AddSingleton<INoticeStore>(_ => new AzureTableNoticeStore(new TableStorageOptions
            {
                ConnectionString = storage.ConnectionString,
                TableName = storage.TableName(NoticeTablePurpose),
            }));
            silo.UseAzureTableReminderService(options =>
            {
                options.TableServiceClient = new Azure.Data.Tables.TableServiceClient(storage.ConnectionString, TableStorageOptions.CreateDefaultClientOptions());
                options.TableName = storage.TableName(ReminderTablePurpose);
            });
        }
        else
        {
            silo.Services.AddSingleton<INoticeStore, InMemoryNoticeStore>();
            silo.UseInMemoryReminderService();
        }
        return silo;
    }

    /// <summary>
    /// Registers every region's sweeper reminder when the silo starts (<see cref="NoticeStartup"/>), ticking every
    /// <see cref="NoticeSweepSettings.Period"/>; nothing when <see cref="NoticeSweepSettings.Enabled"/> is false.
    /// </summary>
    public static ISiloBuilder AddPvoNoticeSweeps(this ISiloBuilder silo, NoticeSweepSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        silo.Services.AddSingleton(settings.Validated());
        if (settings.Enabled)
        {
            silo.AddStartupTask((services, cancellation) =>
                ActivatorUtilities.CreateInstance<NoticeStartup>(services).RunAsync(cancellation));
        }
        return silo;
    }

    /// <summary>The sweep settings from <c>PvoFinance:Notices:SweepMinutes</c> (default 60) and <c>PvoFinance:Notices:Enabled</c> (default true).</summary>
    public static NoticeSweepSettings SweepSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var minutes = configuration["PvoFinance:Notices:SweepMinutes"];
        var period = NoticeSweepSettings.Default.Period;
        if (!string.IsNullOrWhiteSpace(minutes))
        {
            if (!int.TryParse(minutes, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) || m is < 1 or > 1440)
            {
                throw new InvalidOperationException($"PvoFinance:Notices:SweepMinutes is a whole number of minutes, 1..1440, not '{minutes}'.");
            }
            period = TimeSpan.FromMinutes(m);
        }
        var enabled = configuration["PvoFinance:Notices:Enabled"];
        return new NoticeSweepSettings(period, enabled is null || !bool.TryParse(enabled, out var on) || on);
    }
}
