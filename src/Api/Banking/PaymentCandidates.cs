using System.Globalization;
using NodaTime;
using PvoFinance.Access;
using PvoFinance.Api.Ledger;
using PvoFinance.Applications;
using PvoFinance.Banking;
using PvoFinance.Funding;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Banking;
using PvoFinance.Grains.Funding;
using PvoFinance.Regions;
using PvoFinance.Storage;

namespace PvoFinance.Api.Banking;

/// <summary>An item due to be paid: what is shown, and the payment line a batch makes of it.</summary>
/// <param name="View">As shown.</param>
/// <param name="Line">The line (numbered 0 until it is put in a batch); null when bank details are missing.</param>
/// <param name="PayerScope">Who pays.</param>
public sealed record PaymentCandidate(PaymentCandidateView View, PaymentLineDto? Line, Scope PayerScope);

/// <summary>
/// What is due to be paid in the caller's reach, worked out from the applications and the sources every time it is asked
/// (nothing is stored): each application's next scheduled advance due by the date, what is still owed after a
/// determination, and what each national scheme or provincial fund committed to a region directly and has not yet paid.
/// Each item's key names its ledger position (the advance's number, what was paid before), so a paid item is never due
/// again; items held by an open batch are shown with that batch and what they hold is not offered twice.
/// </summary>
public static class PaymentCandidates
{
    /// <summary>The most granted or determined applications one answer reads (each read from its grain).</summary>
    public const int MaxApplications = 2000;

    /// <summary>The most commitment and payment rows one answer reads per source.</summary>
    public const int MaxRowsPerSource = 10_000;

    /// <summary>The items due by <paramref name="dueBy"/> that the caller may read, and whether the reading stopped at a limit.</summary>
    public static async Task<(IReadOnlyList<PaymentCandidate> Items, bool Truncated)> LoadAsync(
        IGrainFactory grains, Caller caller, ActorDto actor, AccessRules rules, LocalDate dueBy)
    {
        var registry = grains.GetGrain<IPaymentBatchRegistryGrain>(0);
        // The open batches' unconfirmed lines: what they hold is shown with the batch and not offered again.
        var open = await Task.WhenAll((await registry.OpenBatches()).Select(n => grains.GetGrain<IPaymentBatchGrain>(n).Get()));
        var held = new Dictionary<string, (long Batch, long Cents)>(StringComparer.Ordinal);
        foreach (var batch in open.OfType<PaymentBatchViewDto>().Where(b => b.State is "open" or "partly-confirmed"))
        {
            foreach (var line in batch.Lines.Where(l => !batch.ConfirmedLines.ContainsKey(l.Line)))
            {
                held[line.ItemKey] = (batch.Number, line.Cents);
            }
        }
        long HeldUnder(string prefix) => held.Where(h => h.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(h => h.Value.Cents);

        var sources = (await Task.WhenAll((await grains.GetGrain<IFundingRegistryGrain>(0).List()).Select(e => grains.GetGrain<IFundingSourceGrain>(e.Id).GetDefinition())))
            .OfType<FundingSourceDto>().ToDictionary(s => s.Id, StringComparer.Ordinal);
        var accounts = new Dictionary<string, BankAccountDto?>(StringComparer.Ordinal);
        async Task<BankAccountDto?> Account(string key)
        {
            if (!accounts.TryGetValue(key, out var account))
            {
                account = accounts[key] = await grains.GetGrain<IBankDetailsGrain>(key).Get();
            }
            return account;
        }

        var items = new List<PaymentCandidate>();
        var truncated = false;
        async Task Add(string key, string kind, string description, LocalDate due, long cents, string region, Scope payer, string? application, FundingSourceDto source, int? year)
        {
            var creditorKey = BankDetailsKeys.Region(region);
            var debtorKey = source.Intermediary is { Length: > 0 } ? BankDetailsKeys.Intermediary(source.Id) : BankDetailsKeys.FundOwner(source.Id);
            var (creditor, debtor) = (await Account(creditorKey), await Account(debtorKey));
            var missing = new List<MissingBankDetailsView>();
            if (creditor is null)
            {
                missing.Add(new MissingBankDetailsView(creditorKey, "creditor", $"/api/bank-accounts/regions/{region}"));
            }
            if (debtor is null)
            {
                missing.Add(new MissingBankDetailsView(debtorKey, "debtor", source.Intermediary is { Length: > 0 }
                    ? $"/api/bank-accounts/funding-sources/{source.Id}/intermediary" : $"/api/bank-accounts/funding-sources/{source.Id}"));
            }
            var reason = missing.Count == 0 ? null
                : "Missing bank details: " + string.Join("; ", missing.Select(m => $"no account is recorded for {m.Party} (the {(m.Role == "creditor" ? "payee" : "payer")}); record it with PUT {m.Record}")) + ".";
            var inBatch = held.TryGetValue(key, out var h) ? h.Batch : (long?)null;
            var mayPay = caller.Role == Role.Treasurer && rules.CanRecord(caller, payer);
            var view = new PaymentCandidateView(key, kind, description, NodaTime.Text.LocalDatePattern.Iso.Format(due), LedgerViews.Amount(cents), cents, region, payer.ToString(), application, source.Id,
                Show(creditor), Show(debtor), reason, missing, inBatch, mayPay);
            var line = creditor is null || debtor is null ? null : new PaymentLineDto
            {
                Line = 0,
                ItemKey = key,
                Cents = cents,
                Creditor = creditor,
                Debtor = debtor,
                Reference = null,
                Remittance = SepaText.Transliterate(description, PaymentBatchLimits.MaxRemittanceLength),
                ApplicationId = application,
                SourceId = application is null ? source.Id : null,
                Region = application is null ? region : null,
                Year = application is null ? year : null,
                Payer = payer.ToString(),
                Description = description,
                Payee = Scope.Region(region).ToString(),
            };
            items.Add(new PaymentCandidate(view, line, payer));
        }

        // Applications: the next advance of a granted one, what is owed after a determination.
        var read = 0;
        foreach (var region in RegionDefinition.All.Where(r => rules.CanRead(caller, Scope.Region(r.Id))).Select(r => r.Id).Order(StringComparer.Ordinal))
        {
            foreach (var row in await ApplicationLists.AllAsync(grains, region))
            {
                if (row.State is not (nameof(ApplicationState.Granted) or nameof(ApplicationState.Determined))
                    || !sources.TryGetValue(row.SourceId, out var source) || !Scope.TryParse(row.FundOwner, out var payer) || !rules.CanRead(caller, payer))
                {
                    continue;
                }
                if (++read > MaxApplications)
                {
                    truncated = true;
                    break;
                }
                if ((await grains.GetGrain<IApplicationGrain>(row.Id).Get(actor)).View is not { } app)
                {
                    continue;
                }
                if (app.State == ApplicationState.Granted && app.AdvancesPaid < app.Advances.Count && app.Advances[app.AdvancesPaid] is var next
                    && (next.Due <= dueBy || held.ContainsKey(PaymentBatchGrain.AdvanceKey(app.Id, app.AdvancesPaid))))
                {
                    // One advance at a time: a batch pays "the next advance", so the one after waits until this one is booked.
                    var key = PaymentBatchGrain.AdvanceKey(app.Id, app.AdvancesPaid);
                    if (held.ContainsKey(key) || HeldUnder(PaymentBatchGrain.AdvancePrefix + app.Id + ":") == 0)
                    {
                        var cents = held.TryGetValue(key, out var h) ? h.Cents : next.Amount.Cents;
                        await Add(key, "advance", $"PVO {app.Id} voorschot {app.AdvancesPaid + 1} van {app.Advances.Count}", next.Due, cents, app.Region, payer, app.Id, source, null);
                    }
                }
                else if (app.State == ApplicationState.Determined && app.Figures.Payable.Cents > 0)
                {
                    var key = PaymentKey(app.Id, app.Figures.Paid.Cents);
                    var cents = held.TryGetValue(key, out var h) ? h.Cents : app.Figures.Payable.Cents - HeldUnder(PaymentBatchGrain.PaymentPrefix + app.Id + ":");
                    if (cents > 0)
                    {
                        await Add(key, "payment", $"PVO {app.Id} betaling na vaststelling", app.Deadlines.Payment ?? dueBy, cents, app.Region, payer, app.Id, source, null);
                    }
                }
            }
        }

        // Sources: what each committed to a region directly (not through an application) and has not paid yet.
        foreach (var source in sources.Values.Where(s => s.Kind is nameof(FundingSourceKind.NationalScheme) or nameof(FundingSourceKind.ProvincialFund)).OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            if (!Scope.TryParse(source.Owner, out var payer) || !rules.CanRead(caller, payer))
            {
                continue;
            }
            var (committed, paid, cut) = await Totals(grains, source.Id);
            if (cut)
            {
                // Part of the rows would give a wrong balance: the source is left out and the answer says it is truncated.
                truncated = true;
                continue;
            }
            foreach (var ((region, year), total) in committed.OrderBy(c => c.Key.Region, StringComparer.Ordinal).ThenBy(c => c.Key.Year))
            {
                var due = new LocalDate(year, 1, 1);
                if (due > dueBy || !rules.CanRead(caller, Scope.Region(region)))
                {
                    continue;
                }
                var paidCents = paid.GetValueOrDefault((region, year));
                var key = CommitmentKey(source.Id, region, year, paidCents);
                var cents = held.TryGetValue(key, out var h) ? h.Cents : total - paidCents - HeldUnder($"{PaymentBatchGrain.CommitmentPrefix}{source.Id}:{region}:{year.ToString(CultureInfo.InvariantCulture)}:");
                if (cents > 0)
                {
                    await Add(key, "commitment", $"{source.Name} {year.ToString(CultureInfo.InvariantCulture)} toezegging {RegionName(region)}", due, cents, region, payer, null, source, year);
                }
            }
        }
        return ([.. items.OrderBy(i => i.View.Due, StringComparer.Ordinal).ThenBy(i => i.View.Item, StringComparer.Ordinal)], truncated);
    }

    /// <summary>The item key of what is owed after a determination, after <paramref name="paidCents"/> were paid.</summary>
    public static string PaymentKey(string application, long paidCents) => string.Create(CultureInfo.InvariantCulture, $"{PaymentBatchGrain.PaymentPrefix}{application}:{paidCents}");

    /// <summary>The item key of a source's direct commitments to a region for a year, after <paramref name="paidCents"/> were paid.</summary>
    public static string CommitmentKey(string source, string region, int year, long paidCents) =>
        string.Create(CultureInfo.InvariantCulture, $"{PaymentBatchGrain.CommitmentPrefix}{source}:{region}:{year}:{paidCents}");

    private static string RegionName(string id) => RegionDefinition.All.FirstOrDefault(r => r.Id == id)?.Name ?? id;

    /// <summary>The account as shown, or null.</summary>
    public static PaymentAccountView? Show(BankAccountDto? account) =>
        account is null ? null : new PaymentAccountView(account.Holder, account.Iban, Iban.Parse(account.Iban).Grouped, account.Bic);

    // A source's direct commitments and payments per region and year, read from its rows page by page.
    private static async Task<(Dictionary<(string Region, int Year), long> Committed, Dictionary<(string Region, int Year), long> Paid, bool Truncated)> Totals(IGrainFactory grains, string sourceId)
    {
        var reader = grains.GetGrain<IFundingRowReaderGrain>(0);
        var committed = new Dictionary<(string, int), long>();
        var paid = new Dictionary<(string, int), long>();
        var rows = 0;
        foreach (var (kind, sums) in new[] { (FundingRowKind.Commitment, committed), (FundingRowKind.Payment, paid) })
        {
            string? after = null;
            while (true)
            {
                var page = await reader.Page(sourceId, kind, after, FundingRowLimits.MaxPageSize);
                foreach (var row in page.Commitments)
                {
                    foreach (var (year, cents) in row.Amounts)
                    {
                        sums[(row.Region, year)] = sums.GetValueOrDefault((row.Region, year)) + cents;
                    }
                }
                rows += page.Commitments.Count;
                if (rows > MaxRowsPerSource)
                {
                    return (committed, paid, true);
                }
                if (!page.More || page.Commitments.Count == 0)
                {
                    break;
                }
                after = page.Commitments[^1].CommitmentId;
            }
        }
        return (committed, paid, false);
    }
}
