using Microsoft.Extensions.Configuration;
using NodaTime;
using NodaTime.Text;
using PvoFinance.Banking;
using PvoFinance.Grains.Funding;
using PvoFinance.Regions;
using PvoFinance.Storage;

namespace PvoFinance.Grains.Banking;

/// <summary>
/// The statements of one account (see <see cref="IBankStatementGrain"/>). An import first stores every line with its
/// verdict (rows), then the header, and only then books: a crash before the header leaves nothing booked and the next
/// import matches afresh; a crash after it leaves a plan that the next import finishes from the stored verdicts, never
/// re-matching what was already booked (a booked full payment would look like an overpayment the second time).
/// </summary>
public sealed partial class BankStatementGrain(IStatementRowStore store, IClock clock, IConfiguration configuration) : Grain, IBankStatementGrain
{
    /// <summary>The configuration key of the test fault: the process stops dead after this many lines were booked in one import.</summary>
    public const string CrashAfterBookingsKey = "PvoFinance:Faults:StatementCrashAfterBookings";

    private const int MaxReceivables = 500;

    private Iban Account => Iban.Parse(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public Task<StatementPartiesDto> Parties() => StatementParties.MapAsync(GrainFactory, Account.Value);

    /// <inheritdoc />
    public async Task<StatementReply> Import(byte[] file, string? format, string importedBy)
    {
        ArgumentNullException.ThrowIfNull(file);
        StatementFormat? claimed = format switch
        {
            null => null,
            "camt053" => StatementFormat.Camt053,
            "mt940" => StatementFormat.Mt940,
            _ => throw new ArgumentException("format", nameof(format)),
        };
        if (!StatementReader.TryRead(file, claimed, out var statement, out var error))
        {
            return StatementReply.Refused(400, error!.Field, error.Reason, error.Location);
        }
        if (statement!.Account != Account)
        {
            return StatementReply.Refused(422, "account", $"The statement is of {statement.Account.Grouped}, not {Account.Grouped}.");
        }
        var parties = await Parties();
        if (parties.Scope is null)
        {
            return StatementReply.Refused(422, "account", $"No region, funding source or intermediary has {Account.Grouped} as its bank account; record the account first.");
        }
        var id = StatementIds.For(statement);
        var header = await store.GetHeaderAsync(id);
        if (header is { Complete: true })
        {
            return new StatementReply(header, await store.LinesAsync(id));
        }
        IReadOnlyList<StatementLineRow> lines;
        if (header is null)
        {
            lines = await PlanAsync(statement, parties);
            await store.PutLinesAsync(id, lines);
            header = new StatementHeaderRow
            {
                Id = id,
                Account = Account.Value,
                Scope = parties.Scope,
                Reference = Cut(statement.Reference, 100)!,
                Format = StatementReader.Name(statement.Format),
                OpeningDate = LocalDatePattern.Iso.Format(statement.OpeningDate),
                OpeningCents = statement.Opening.Cents,
                ClosingDate = LocalDatePattern.Iso.Format(statement.ClosingDate),
                ClosingCents = statement.Closing.Cents,
                Lines = statement.Lines.Count,
                Complete = false,
                ImportedUnixMs = clock.GetCurrentInstant().ToUnixTimeMilliseconds(),
                ImportedBy = Cut(importedBy, 100)!,
            };
            await store.PutHeaderAsync(header);
        }
        else
        {
            lines = await store.LinesAsync(id);
        }
        var booked = await BookPlannedAsync(id, lines);
        header = header with { Complete = true };
        await store.PutHeaderAsync(header);
        return new StatementReply(header, booked, Created: true);
    }

    /// <inheritdoc />
    public async Task<StatementReply> Get(string statementId)
    {
        var header = StatementIds.AccountOf(statementId) == Account ? await store.GetHeaderAsync(statementId) : null;
        return header is null
            ? StatementReply.Refused(404, "id", $"No statement '{statementId}'.")
            : new StatementReply(header, await store.LinesAsync(statementId));
    }

    private async Task<IReadOnlyList<StatementLineRow>> BookPlannedAsync(string id, IReadOnlyList<StatementLineRow> lines)
    {
        var crashAfter = configuration.GetValue<int?>(CrashAfterBookingsKey);
        var result = new List<StatementLineRow>(lines.Count);
        var bookedNow = 0;
        foreach (var line in lines)
        {
            if (line is not { State: "matched", Booked: false })
            {
                result.Add(line);
                continue;
            }
            var refused = await StatementBooking.BookAsync(GrainFactory, Account, line);
            var after = refused is null
                ? line with { Booked = true }
                : line with { State = "unmatched", Target = null, AppliedCents = 0, ExcessCents = 0, Reason = refused, DecidedBy = null };
            await store.PutLinesAsync(id, [after]);
            result.Add(after);
            if (refused is null && ++bookedNow == crashAfter)
            {
                // The test fault: a process that dies between two lines, after the first was booked and stored.
                Environment.FailFast("Test fault: the statement import stopped after " + bookedNow + " bookings.");
            }
        }
        return result;
    }

    private async Task<IReadOnlyList<StatementLineRow>> PlanAsync(Statement statement, StatementPartiesDto parties)
    {
        var invoices = await LevyInvoicesAsync(parties);
        var debits = await ExpectedDebitsAsync(statement);
        var matches = StatementMatcher.Match(statement, invoices.Select(i => i.ToOpen()), debits);
        return [.. statement.Lines.Select(line => Row(line, matches[line.Number - 1]))];
    }

    private StatementLineRow Row(StatementLine line, LineMatch match) => new()
    {
        Number = line.Number,
        Direction = line.Direction == StatementDirection.Credit ? "credit" : "debit",
        Cents = line.Amount.Cents,
        BookingDate = LocalDatePattern.Iso.Format(line.BookingDate),
        EntryKey = line.EntryKey(Account),
        BankReference = Cut(line.BankReference, 100),
        EndToEndId = Cut(line.EndToEndId, 35),
        CounterpartyName = Cut(line.CounterpartyName, 140),
        CounterpartyIban = line.CounterpartyIban?.Value,
        CreditorReference = line.CreditorReference?.ToString(),
        Remittance = Cut(line.Remittance, 500),
        State = match.State switch { MatchState.Matched => "matched", MatchState.Proposed => "proposed", _ => "unmatched" },
        Target = match.Target,
        // A proposal's amount is the whole line: it waits for a treasurer, who books what the receivable still owes.
        AppliedCents = match.State == MatchState.Unmatched ? 0 : match.Applied.Cents,
        ExcessCents = match.Excess.Cents,
        Reason = Cut(match.Reason, 300)!,
        DecidedBy = match.State == MatchState.Matched ? "import" : null,
    };

    private async Task<IReadOnlyList<MatchLevyReceivable>> LevyInvoicesAsync(StatementPartiesDto parties)
    {
        var all = new List<MatchLevyReceivable>();
        foreach (var sourceId in parties.LevySources)
        {
            var source = GrainFactory.GetGrain<IFundingSourceGrain>(sourceId);
            var years = (await source.Get())?.Years.Select(y => y.Year).ToList() ?? [];
            foreach (var year in years)
            {
                var reply = await source.GetInvoices(year);
                foreach (var invoice in reply.Invoices ?? [])
                {
                    all.Add(new MatchLevyReceivable(sourceId, year, invoice.MunicipalityCode, new Money(invoice.Outstanding), null));
                }
            }
        }
        // The payer's known account makes a credit without reference a proposal; read only for what is still owed.
        var open = all.Where(i => i.Outstanding > Money.Zero).ToList();
        var accounts = await Task.WhenAll(open.Select(i => GrainFactory.GetGrain<IBankDetailsGrain>(BankDetailsKeys.Municipality(i.MunicipalityCode)).Get()));
        return [.. open.Select((i, n) => i with { PayerIban = accounts[n] is { } a && Iban.TryParse(a.Iban, out var iban, out _) ? iban : null })];
    }

    private async Task<IReadOnlyList<ExpectedDebit>> ExpectedDebitsAsync(Statement statement)
    {
        // Only the batches the statement's debits name are read: the EndToEndId carries the batch number.
        var numbers = statement.Lines
            .Where(l => l.Direction == StatementDirection.Debit && EndToEndId.TryParse(l.EndToEndId, out _))
            .Select(l => { EndToEndId.TryParse(l.EndToEndId, out var e); return e.BatchNumber; })
            .Distinct().ToList();
        var batches = await Task.WhenAll(numbers.Select(n => GrainFactory.GetGrain<IPaymentBatchGrain>(n).Get()));
        // A confirmed line stays expected: the same entry again is confirmed idempotently, another entry is refused by the batch.
        return [.. batches.OfType<PaymentBatchViewDto>().Where(b => b.State != "cancelled")
            .SelectMany(b => b.Lines.Select(l => new ExpectedDebit(EndToEndId.For(b.Number, l.Line).Value, new Money(l.Cents), b.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))))];
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    private static string MunicipalityName(string code) =>
        RegionCatalog.Shipped.Municipalities.FirstOrDefault(m => m.Code == code)?.Name ?? code;
}
