using NodaTime;
using NodaTime.Text;
using PvoFinance.Banking;
using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Funding;
using PvoFinance.Storage;

namespace PvoFinance.Grains.Banking;

/// <summary>The queue of lines a treasurer decides (confirm a proposal, assign a credit) and the reconciliation figure.</summary>
public sealed partial class BankStatementGrain
{
    /// <inheritdoc />
    public async Task<StatementReply> Confirm(string statementId, int line, string by)
    {
        var (lines, row, problem) = await LineAsync(statementId, line);
        if (problem is not null)
        {
            return problem;
        }
        // A line already booked (certain on import, confirmed or assigned before) is what a confirmation asks for: the
        // same answer again, nothing booked twice.
        if (row!.State == "matched" && row.Booked)
        {
            return await Get(statementId);
        }
        if (row.State != "proposed")
        {
            return StatementReply.Refused(409, "line", $"Line {line} has no proposal to confirm; assign it to a receivable instead.");
        }
        return await DecideAsync(statementId, lines!, row, row.Target!, "confirmed");
    }

    /// <inheritdoc />
    public async Task<StatementReply> Assign(string statementId, int line, string receivable, string by)
    {
        var (lines, row, problem) = await LineAsync(statementId, line);
        if (problem is not null)
        {
            return problem;
        }
        if (row!.State == "matched")
        {
            return row.Target == receivable && row.Booked
                ? await Get(statementId)
                : StatementReply.Refused(409, "line", $"Line {line} is already booked to {row.Target}.");
        }
        if (row.Direction != "credit")
        {
            return StatementReply.Refused(422, "line", $"Line {line} is money out; only a credit can be assigned to a receivable.");
        }
        return await DecideAsync(statementId, lines!, row, receivable, "assigned");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OpenReceivableDto>> OpenReceivables()
    {
        var invoices = await LevyInvoicesAsync(await Parties());
        return [.. invoices.Take(MaxReceivables).Select(i => new OpenReceivableDto(i.Id, MunicipalityName(i.MunicipalityCode), i.SourceId, i.Year,
            i.Reference.ToString(), i.Outstanding.Cents))];
    }

    /// <inheritdoc />
    public async Task<ReconciliationDto> Reconcile(string? date)
    {
        // "Today" is the Dutch calendar day, as the bank dates its statements.
        var asOf = date is null ? clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date : LocalDatePattern.Iso.Parse(date).Value;
        var parties = await Parties();
        var headers = new List<StatementHeaderRow>();
        string? after = null;
        for (var page = 0; page < 50; page++)
        {
            var read = await store.HeadersAsync(Account.Value + "-", after, StatementRowLimits.MaxPage);
            headers.AddRange(read.Rows);
            if (!read.More)
            {
                break;
            }
            after = read.Rows[^1].Id;
        }
        var upTo = headers.Where(h => string.CompareOrdinal(h.ClosingDate, LocalDatePattern.Iso.Format(asOf)) <= 0)
            .OrderBy(h => h.ClosingDate, StringComparer.Ordinal).ThenBy(h => h.OpeningDate, StringComparer.Ordinal).ToList();
        long unbooked = 0, paidOut = 0;
        var unbookedLines = 0;
        foreach (var header in upTo)
        {
            foreach (var line in await store.LinesAsync(header.Id))
            {
                var signed = line.Direction == "credit" ? line.Cents : -line.Cents;
                if (!line.Booked)
                {
                    unbooked += signed;
                    unbookedLines++;
                }
                else if (line.Direction == "debit")
                {
                    paidOut += line.Cents;
                }
            }
        }
        var cash = await CashAsync(parties.Sources);
        var broughtForward = upTo.Count == 0 ? 0 : upTo[0].OpeningCents;
        var ledger = ReconciliationFigure.LedgerFigure(new Money(broughtForward), new Money(cash), new Money(paidOut));
        var last = upTo.Count == 0 ? null : upTo[^1];
        return new ReconciliationDto(Account.Value, LocalDatePattern.Iso.Format(asOf), last?.Id, last?.ClosingDate, ledger.Cents,
            last?.ClosingCents ?? 0, unbooked, unbookedLines, broughtForward, cash, paidOut, parties.Sources);
    }

    private async Task<long> CashAsync(IReadOnlyList<string> sources)
    {
        long cash = 0;
        foreach (var sourceId in sources)
        {
            var years = (await GrainFactory.GetGrain<IFundingSourceGrain>(sourceId).Get())?.Years.Select(y => y.Year) ?? [];
            var balances = await Task.WhenAll(years.Select(y => GrainFactory.GetGrain<ILedgerGrain>(FundingAccounts.Journal(sourceId, y)).GetBalances()));
            cash += balances.SelectMany(b => b).Where(b => b.Account.StartsWith("cash:", StringComparison.Ordinal)).Sum(b => b.PostedBalance);
        }
        return cash;
    }

    private async Task<(IReadOnlyList<StatementLineRow>? Lines, StatementLineRow? Row, StatementReply? Problem)> LineAsync(string statementId, int line)
    {
        var header = StatementIds.AccountOf(statementId) == Account ? await store.GetHeaderAsync(statementId) : null;
        if (header is null)
        {
            return (null, null, StatementReply.Refused(404, "id", $"No statement '{statementId}'."));
        }
        if (!header.Complete)
        {
            return (null, null, StatementReply.Refused(409, "id", "The statement's import stopped half-way; import the file again to finish it first."));
        }
        var lines = await store.LinesAsync(statementId);
        if (line < 1 || line > lines.Count)
        {
            return (null, null, StatementReply.Refused(404, "line", $"The statement has lines 1 to {lines.Count}; there is no line {line}."));
        }
        return (lines, lines[line - 1], null);
    }

    private async Task<StatementReply> DecideAsync(string statementId, IReadOnlyList<StatementLineRow> lines, StatementLineRow row, string receivable, string decidedBy)
    {
        var open = (await LevyInvoicesAsync(await Parties())).FirstOrDefault(i => i.Id == receivable);
        if (open is null)
        {
            return StatementReply.Refused(422, "receivable", $"'{receivable}' is not an open receivable paid into {Account.Grouped}; choose one from the list.");
        }
        var applied = Math.Min(row.Cents, open.Outstanding.Cents);
        var excess = row.Cents - applied;
        var decided = row with
        {
            State = "matched",
            Target = receivable,
            AppliedCents = applied,
            ExcessCents = excess,
            DecidedBy = decidedBy,
            Reason = excess > 0 ? $"{decidedBy} to {receivable}: {new Money(applied)} pays what was owed, {new Money(excess)} overpaid (to refund)."
                : applied < open.Outstanding.Cents ? $"{decidedBy} to {receivable}: partial payment, {new Money(open.Outstanding.Cents - applied)} still open."
                : $"{decidedBy} to {receivable}: paid in full.",
        };
        if (await StatementBooking.BookAsync(GrainFactory, Account, decided) is { } refused)
        {
            return StatementReply.Refused(422, "receivable", refused);
        }
        decided = decided with { Booked = true };
        await store.PutLinesAsync(statementId, [decided]);
        return await Get(statementId);
    }
}
