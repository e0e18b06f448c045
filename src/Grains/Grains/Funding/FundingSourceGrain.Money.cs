using PvoFinance.Banking;
using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.LedgerFigures;
using PvoFinance.Ledger;
using PvoFinance.Regions;
using PvoFinance.Storage;

namespace PvoFinance.Grains.Funding;

/// <summary>The commands that move money through a source: direct payments, levies, receipts, charges, hours, gifts.</summary>
public sealed partial class FundingSourceGrain
{
    /// <inheritdoc />
    public async Task<FundingReply> Pay(string paymentId, string region, int year, long cents, string? bankReference = null)
    {
        var known = Definition is null ? null : await PaymentRow(paymentId);
        var totals = Totals(region, year);
        var decision = FundingSourceAggregate.DecidePay(Definition, Id, paymentId, region, year, cents,
            known is null ? null : new DirectPayment(known.Id, known.Region, known.Amounts.Keys.Single(), known.Amounts.Values.Single(), Definition!.Intermediary),
            state.State.DirectCommitted.GetValueOrDefault(totals), state.State.DirectPaid.GetValueOrDefault(totals), state.State.PaymentCount, Catalog);
        if (decision.Refusal is { } refused)
        {
            return Refused(refused);
        }
        if (!decision.Value!.Resume)
        {
            // Recorded before the transfer, so that what is left of the direct commitments counts it even when a crash
            // comes between the transfer and the answer; a refused payment is removed again.
            Recorded(paymentId, region, year, cents, +1);
            await Save();
        }
        var commitment = FundingAccounts.Commitment(Id, year, region).Value;
        var funds = FundingAccounts.RegionFunds(region, Id).Value;
        var date = $"{year}-01-01";
        TransferReply reply;
        var firstLegMoved = false;
        if (decision.Value.Payment.Via is { } via)
        {
            // Through the intermediary: it receives the money owed onward to the region, then passes it on.
            // Both legs are transfers keyed by the payment, so the chain is in the ledger and a retry resumes it. The bank
            // statement that confirmed a batch payment is the intermediary's (it pays the region): its reference goes on
            // the second leg.
            var held = AccountId.Of(AccountKind.Commitment, via, Id, region).Value;
            reply = await Transfer(PassThroughTransfers.ToIntermediary(Id, paymentId), new TransferRequest { FromJournal = FundingAccounts.Journal(Id, year), DebitAccount = commitment, ToJournal = FundingAccounts.IntermediaryJournal(via), CreditAccount = held, Cents = cents, ValueDate = date, Memo = $"{paymentId} via {via}" });
            firstLegMoved = reply.Status == TransferStatus.Completed;
            if (firstLegMoved)
            {
                reply = await Transfer(PassThroughTransfers.FromIntermediary(Id, paymentId), new TransferRequest { FromJournal = FundingAccounts.IntermediaryJournal(via), DebitAccount = held, ToJournal = FundingAccounts.RegionJournal(region), CreditAccount = funds, Cents = cents, ValueDate = date, Memo = BankMemo.With($"{paymentId} from {Id}", bankReference) });
            }
        }
        else
        {
            reply = await Transfer($"pay:{Id}:{paymentId}", new TransferRequest { FromJournal = FundingAccounts.Journal(Id, year), DebitAccount = commitment, ToJournal = FundingAccounts.RegionJournal(region), CreditAccount = funds, Cents = cents, ValueDate = date, Memo = BankMemo.With(paymentId, bankReference) });
        }
        if (reply.Status != TransferStatus.Completed)
        {
            // Refused by the ledger before any money moved: the payment no longer counts against the direct commitments.
            if (!firstLegMoved)
            {
                Recorded(paymentId, region, year, cents, -1);
                await Save();
            }
            return reply.Rejection!.Code == nameof(RejectionCode.LimitExceeded)
                ? FundingReply.Refused(FundingRefusalCode.LimitExceeded, "amount", $"More than is committed and unpaid to '{region}' for {year}: {reply.Rejection.Message}")
                : FundingReply.FromLedger(reply.Rejection, reply.Rejection.Field == "transferId" ? "paymentId" : reply.Rejection.Field);
        }
        return FundingReply.Success(await Details(), amount: cents);
    }

    /// <inheritdoc />
    public async Task<FundingReply> InvoiceLevy(int year)
    {
        var d = Definition;
        if (FundingSourceAggregate.CheckLevy(d, Id, year) is { } refused)
        {
            return Refused(refused);
        }
        var region = d!.Owner.Name!;
        // Inhabitants as the region records them: the latest reference year not after the levy year (the
        // CBS count of 1 January), or the earliest recorded when the levy year precedes them all.
        var regionGrain = GrainFactory.GetGrain<IRegionGrain>(region);
        var years = (await regionGrain.GetDetails()).PopulationYears;
        var referenceYear = years.Where(y => y <= year).DefaultIfEmpty(years.Min()).Max();
        var counts = (await regionGrain.GetPopulation(referenceYear))!.Municipalities.ToDictionary(m => m.Code, m => m.Inhabitants, StringComparer.Ordinal);
        var participants = Catalog.MunicipalitiesOf(region)
            .Where(m => d.Participants.Count == 0 || d.Participants.Contains(m.Code))
            .Select(m => m with { Inhabitants = counts[m.Code], ReferenceYear = referenceYear })
            .ToList();
        var issued = state.State.Invoices.GetValueOrDefault(year);
        var decision = FundingSourceAggregate.DecideLevy(d, Id, year, referenceYear, participants, issued?.Select(i => (i.MunicipalityCode, i.Amount)).ToList());
        if (decision.Refusal is { } conflict)
        {
            return Refused(conflict);
        }
        if (decision.Value!.AlreadyInvoiced)
        {
            return await GetInvoices(year);
        }
        // One batch per journal for all municipalities' invoices (independent entries, each keyed): the journal stores
        // them in as few appends as they need instead of one durable wait per municipality.
        foreach (var group in decision.Value.Postings.GroupBy(p => p.Year))
        {
            foreach (var chunk in group.Chunk(LedgerBatchLimits.MaxCommands))
            {
                var result = await Ledger(group.Key).Submit([.. chunk.Select(RequestOf)]);
                if ((result.Rejection ?? result.Outcomes.FirstOrDefault(o => !o.Succeeded)?.Rejection) is { } ledgerRefusal)
                {
                    return FromLedger(new LedgerReply(LedgerReplyStatus.Rejected, null, ledgerRefusal), "year");
                }
            }
        }
        state.State.Invoices[year] = [.. decision.Value.Invoices.Select(i => new InvoiceDto(i.MunicipalityCode, i.MunicipalityName, i.Inhabitants, i.Amount.Cents, i.Amount.Cents, referenceYear))];
        state.State.Years.Add(year);
        await Save();
        return await GetInvoices(year);
    }

    /// <inheritdoc />
    public async Task<FundingReply> GetInvoices(int year)
    {
        if (state.State.Source is null)
        {
            return Refused(FundingSourceAggregate.NotFound(Id));
        }
        if (!state.State.Invoices.TryGetValue(year, out var issued))
        {
            return FundingReply.Success(invoices: []);
        }
        // What each municipality still owes, from the figures module over the year's journal's running totals.
        var book = await JournalTotals.ReadAsync(GrainFactory, [FundingAccounts.Journal(Id, year)]);
        return FundingReply.Success(invoices: [.. issued.Select(i => i with
        {
            Outstanding = book.Where(m => m.Source == Id && m.Year == year && m.Debtor == i.MunicipalityCode.ToLowerInvariant()).Receivable,
        })]);
    }

    /// <inheritdoc />
    public async Task<FundingReply> RecordReceipt(string receiptId, int year, string debtor, long cents, string? bankReference = null)
    {
        var decision = FundingSourceAggregate.DecideReceipt(Definition, Id, receiptId, year, debtor, cents, bankReference);
        if (decision.Refusal is { } refused)
        {
            return Refused(refused);
        }
        // The receivable's limit (credits never exceed debits) makes the ledger refuse a receipt larger than what
        // is owed, atomically; a retried receipt with the same id is recognised by its key and not counted twice.
        var reply = await Post(decision.Value!);
        if (reply.Rejection?.Code == nameof(RejectionCode.LimitExceeded))
        {
            return FundingReply.Refused(FundingRefusalCode.LimitExceeded, "amount", $"More than '{debtor}' owes for {year}: {reply.Rejection.Message}");
        }
        return reply.Succeeded
            ? FundingReply.Success(await Details(), amount: cents)
            : FromLedger(reply, reply.Rejection!.Code == nameof(RejectionCode.IdempotencyConflict) ? "receiptId" : "amount");
    }

    /// <inheritdoc />
    public Task<FundingReply> ChargeOverhead(string chargeId, int year, string projectId, long projectCostCents) =>
        Book(FundingSourceAggregate.DecideOverhead(Definition, Id, chargeId, year, projectId, projectCostCents), "chargeId");

    /// <inheritdoc />
    public Task<FundingReply> RecordHours(string recordId, int year, long centiHours, string? description) =>
        Book(FundingSourceAggregate.DecideHours(Definition, Id, recordId, year, centiHours, description), "recordId");

    /// <inheritdoc />
    public Task<FundingReply> RecordContribution(string contributionId, int year, string contributor, long cents) =>
        Book(FundingSourceAggregate.DecideContribution(Definition, Id, contributionId, year, contributor, cents), "contributionId");

    /// <summary>Books a decided entry; a refusal by the ledger names <paramref name="keyField"/>.</summary>
    private async Task<FundingReply> Book(FundingDecision<FundingPosting> decision, string keyField)
    {
        if (decision.Refusal is { } refused)
        {
            return Refused(refused);
        }
        var posting = decision.Value!;
        var reply = await Post(posting);
        if (!reply.Succeeded)
        {
            return FromLedger(reply, keyField);
        }
        await RememberYear(posting.Year);
        return FundingReply.Success(await Details(), amount: posting.Cents);
    }

    private Task<LedgerReply> Post(FundingPosting posting) =>
        Post(posting.Year, posting.Key, posting.Memo, [.. posting.Legs.Select(l => (l.Account, l.Cents))]);

    private static LedgerRequest RequestOf(FundingPosting posting) => new()
    {
        Kind = LedgerRequestKind.Post,
        Key = posting.Key,
        ValueDate = new NodaTime.LocalDate(posting.Year, 1, 1),
        Postings = [.. posting.Legs.Select(l => new Posting(l.Account, new Money(l.Cents)))],
        Memo = Trim(posting.Memo),
    };

    private static string Totals(string region, int year) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{region}|{year}");
}
