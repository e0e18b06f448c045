using PvoFinance.Access;
using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.LedgerFigures;
using PvoFinance.Ledger;
using PvoFinance.Regions;

namespace PvoFinance.Grains.Funding;

/// <summary>The durable part of a funding source: its definition and what it committed and invoiced.</summary>
[GenerateSerializer]
public sealed class FundingSourceState
{
    /// <summary>The definition; null until created.</summary>
    [Id(0)] public FundingSourceDto? Source { get; set; }
    /// <summary>Years the source has a journal for.</summary>
    [Id(1)] public SortedSet<int> Years { get; set; } = [];
    /// <summary>Commitments by id.</summary>
    [Id(2)] public Dictionary<string, CommitmentDto> Commitments { get; set; } = [];
    /// <summary>Levy invoices by year, as issued.</summary>
    [Id(3)] public Dictionary<int, List<InvoiceDto>> Invoices { get; set; } = [];
    /// <summary>A commitment being made: written before its first ledger entry, so a crash resumes the same attempt.</summary>
    [Id(4)] public Dictionary<string, CommitmentDto> Pending { get; set; } = [];
    /// <summary>Refused attempts per commitment id; each attempt uses its own ledger keys.</summary>
    [Id(5)] public Dictionary<string, int> Attempts { get; set; } = [];
    /// <summary>
    /// Direct payments by id, recorded before their transfer so that what is left of the direct commitments counts them
    /// even when a crash comes between the transfer and the answer; a refused payment is removed again.
    /// </summary>
    [Id(6)] public Dictionary<string, DirectPaymentDto> Payments { get; set; } = [];
}

/// <summary>
/// A funding source. Thin: the rules live in <see cref="FundingValidation"/>, <see cref="LevyInvoicing"/>,
/// <see cref="Rate"/> and <see cref="Percentage"/>; the money lives in the ledger journals of its budget years
/// (<see cref="FundingAccounts"/>). Every ledger entry is keyed by the caller's id, so a retried command after
/// a timeout or crash finds its entry instead of making a second one.
/// </summary>
public sealed class FundingSourceGrain(
    [PersistentState("source", StorageNames.Funding)] IPersistentState<FundingSourceState> state) : Grain, IFundingSourceGrain
{
    /// <summary>Years a budget can be kept for.</summary>
    public const int FirstYear = 2000, LastYear = 2100;

    /// <summary>Most years one commitment may span.</summary>
    public const int MaxCommitmentYears = 10;

    private static readonly RegionCatalog Catalog = RegionCatalog.Shipped;

    private string Id => this.GetPrimaryKeyString();

    private FundingSourceDefinition? Definition =>
        state.State.Source is { } dto ? FundingSourceMapper.ToDefinition(dto).Definition : null;

    /// <inheritdoc />
    public async Task<FundingReply> Create(FundingSourceDto source)
    {
        if (source.Id != Id)
        {
            return Invalid("id", "The id in the body differs from the id in the address.");
        }
        var (definition, error) = Check(source);
        if (definition is null)
        {
            return Invalid(error!.Field, error.Reason);
        }
        if (state.State.Source is { } existing)
        {
            // Creating again with the same content is a harmless retry; anything else is a conflict.
            return Same(existing, FundingSourceMapper.ToDto(definition))
                ? FundingReply.Success(await Details())
                : FundingReply.Refused("Conflict", "id", $"A funding source '{Id}' already exists.");
        }
        if (!await Registry.Register(new FundingRegistryEntry(Id, definition.Name, definition.Kind.ToString(), definition.Owner.ToString())))
        {
            return FundingReply.Refused("Conflict", "name", $"Another funding source is already called '{definition.Name}'.");
        }
        state.State.Source = FundingSourceMapper.ToDto(definition);
        await this.WriteOrDropAsync(state);
        return FundingReply.Success(await Details());
    }

    /// <inheritdoc />
    public async Task<FundingReply> Update(FundingSourceDto source)
    {
        if (state.State.Source is not { } existing)
        {
            return NotFound();
        }
        if (source.Id != Id)
        {
            return Invalid("id", "The id in the body differs from the id in the address.");
        }
        if (source.Kind != existing.Kind)
        {
            return Invalid("kind", "The kind of a funding source cannot change; create a new source.");
        }
        if (source.Owner != existing.Owner)
        {
            return Invalid("owner", "The owner of a funding source cannot change; create a new source.");
        }
        var (definition, error) = Check(source);
        if (definition is null)
        {
            return Invalid(error!.Field, error.Reason);
        }
        if (definition.Name != existing.Name
            && !await Registry.Register(new FundingRegistryEntry(Id, definition.Name, definition.Kind.ToString(), definition.Owner.ToString())))
        {
            return FundingReply.Refused("Conflict", "name", $"Another funding source is already called '{definition.Name}'.");
        }
        state.State.Source = FundingSourceMapper.ToDto(definition);
        await this.WriteOrDropAsync(state);
        return FundingReply.Success(await Details());
    }

    /// <inheritdoc />
    public async Task<FundingSourceDetailsDto?> Get() => state.State.Source is null ? null : await Details();

    /// <inheritdoc />
    public Task<FundingSourceDto?> GetDefinition() => Task.FromResult(state.State.Source);

    /// <inheritdoc />
    public async Task<FundingReply> SetCeiling(int year, long ceilingCents)
    {
        if (Definition is not { } d)
        {
            return NotFound();
        }
        if (d.Kind is not (FundingSourceKind.NationalScheme or FundingSourceKind.ProvincialFund))
        {
            return Invalid("ceiling", "Only national schemes and provincial funds have a ceiling; the other kinds grow with what they invoice or receive.");
        }
        if (YearError(year) is { } bad)
        {
            return bad;
        }
        if (ceilingCents is < 0 or > Money.MaxCents)
        {
            return Invalid("ceiling", "A ceiling is zero or more.");
        }
        // The ledger is the truth: the ceiling is what was appropriated. A retry after a crash finds the
        // change already made (delta 0), so the same request never moves the ceiling twice.
        var current = (await Balance(year, FundingAccounts.Appropriation(Id, year)))?.PostedBalance ?? 0;
        var delta = ceilingCents - current;
        if (delta != 0)
        {
            // The key carries the journal's version: "from X to Y" alone repeats when a ceiling goes back and
            // forth (100 -> 30 -> 100 -> 30), and the ledger would then replay the earlier entry instead of moving
            // the ceiling. A retry of the same change still finds the same version (or, if the entry landed, delta 0).
            var version = (await Ledger(year).GetSummary()).Version;
            var reply = await Post(year, $"ceiling:{version}:{current}:{ceilingCents}", $"Ceiling {year}: {new Money(current)} -> {new Money(ceilingCents)}",
                (FundingAccounts.Appropriation(Id, year), delta), (FundingAccounts.Budget(Id, year), -delta));
            if (!reply.Succeeded)
            {
                return reply.Rejection!.Code == nameof(RejectionCode.LimitExceeded)
                    ? FundingReply.Refused("LimitExceeded", "ceiling", $"The ceiling cannot go below what is already committed: {reply.Rejection.Message}")
                    : FromLedger(reply, "ceiling");
            }
        }
        await RememberYear(year);
        return FundingReply.Success(await Details());
    }

    /// <inheritdoc />
    public async Task<FundingReply> Commit(string commitmentId, string region, IReadOnlyDictionary<int, long> amounts, string? purpose)
    {
        if (Definition is not { } d)
        {
            return NotFound();
        }
        if (d.Kind is not (FundingSourceKind.NationalScheme or FundingSourceKind.ProvincialFund))
        {
            return Invalid("kind", "Only national schemes and provincial funds commit money to regions.");
        }
        if (KeyError("commitmentId", commitmentId) is { } badKey)
        {
            return badKey;
        }
        if (!Catalog.IsRegion(region))
        {
            return Invalid("region", $"'{region}' is not one of the ten regions.");
        }
        if (d.Owner.Level == ScopeLevel.Province && !Catalog.ProvincesOf(region).Contains(d.Owner.Name!))
        {
            return Invalid("region", $"Region '{region}' has no municipality in {d.Owner.Name}; a provincial fund commits to regions in its province.");
        }
        if (purpose is { Length: > FundingSourceLimits.MaxPurposeChars })
        {
            return Invalid("purpose", $"A purpose has at most {FundingSourceLimits.MaxPurposeChars} characters.");
        }
        if (amounts.Count is 0 or > MaxCommitmentYears)
        {
            return Invalid("amounts", $"A commitment covers 1..{MaxCommitmentYears} years.");
        }
        foreach (var (year, cents) in amounts)
        {
            if (YearError(year) is { } bad)
            {
                return bad with { Field = $"amounts.{year}" };
            }
            if (cents is <= 0 or > Money.MaxCents)
            {
                return Invalid($"amounts.{year}", "Each year's amount is positive.");
            }
        }
        var commitment = new CommitmentDto(commitmentId, region, new SortedDictionary<int, long>(amounts.ToDictionary()), purpose);
        if (state.State.Commitments.TryGetValue(commitmentId, out var earlier))
        {
            return Same(earlier, commitment)
                ? FundingReply.Success(await Details())
                : FundingReply.Refused("IdempotencyConflict", "commitmentId", $"Commitment '{commitmentId}' was made with other content.");
        }

        if (state.State.Pending.TryGetValue(commitmentId, out var pending) && !Same(pending, commitment))
        {
            return FundingReply.Refused("IdempotencyConflict", "commitmentId", $"Commitment '{commitmentId}' is being made with other content.");
        }
        if (pending is null && state.State.Commitments.Count + state.State.Pending.Count >= FundingSourceLimits.MaxCommitments)
        {
            return FundingReply.Refused("LimitExceeded", "commitmentId",
                $"Funding source '{Id}' keeps at most {FundingSourceLimits.MaxCommitments:N0} commitments; make further commitments from another source.");
        }
        // A multi-year commitment is a saga of one hold per year's journal (docs/ledger.md, "Sagas"); its intent record is
        // the commitment under Pending with its attempt under Attempts, written with this source's state.
        var attempt = state.State.Attempts.GetValueOrDefault(commitmentId);
        PvoFinance.Ledger.SagaPlan PlanOf(int a) => PvoFinance.Ledger.SagaPlan.Of([.. commitment.Amounts.Select(y => new PvoFinance.Ledger.SagaMovement(
            PvoFinance.Ledger.SagaKeys.Commitment(commitmentId, a), PvoFinance.Ledger.SagaMovementKind.Hold, FundingAccounts.Journal(Id, y.Key),
            FundingAccounts.Budget(Id, y.Key), null, FundingAccounts.Commitment(Id, y.Key, region), new Money(y.Value), new NodaTime.LocalDate(y.Key, 1, 1), Trim(purpose)))]);
        FundingReply RefusedFor(PvoFinance.Grains.Sagas.SagaRefusal r) => r.Rejection.Code == nameof(RejectionCode.LimitExceeded)
            ? FundingReply.Refused("LimitExceeded", $"amounts.{r.Movement.ValueDate.Year}", $"The {r.Movement.ValueDate.Year} budget cannot carry this: {r.Rejection.Message}")
            : FromLedger(new LedgerReply(LedgerReplyStatus.Rejected, null, r.Rejection), $"amounts.{r.Movement.ValueDate.Year}");
        var plan = PlanOf(attempt);
        if (pending is null)
        {
            // Every year's journal is asked first: a year it would refuse refuses the commitment before anything is
            // reserved or remembered, so a refused commitment leaves every journal and this source as they were.
            if (await PvoFinance.Grains.Sagas.SagaExecutor.CheckAsync(GrainFactory, plan) is { } wouldRefuse)
            {
                return RefusedFor(wouldRefuse);
            }
            // The intent, before the first ledger entry: after a crash the same call resumes it with the same keys.
            state.State.Pending[commitmentId] = commitment;
            await this.WriteOrDropAsync(state);
        }
        else if (attempt > 0)
        {
            // Resuming: the previous attempt was refused and may have been left half undone by a crash; finish undoing
            // it (idempotent: what is undone or was never made is found so) before going forward with this one.
            await PvoFinance.Grains.Sagas.SagaExecutor.CompensateAsync(GrainFactory, PlanOf(attempt - 1));
        }

        // All years or none: every year's journal reserves and posts its hold in one batch, all years at once.
        var run = await PvoFinance.Grains.Sagas.SagaExecutor.RunAsync(GrainFactory, plan);
        if (!run.Done)
        {
            // Refused late (a race after the check). The next attempt is stored first, so a crash while undoing is
            // finished by the next call of this commitment; then every year is undone and the intent dropped.
            state.State.Attempts[commitmentId] = attempt + 1;
            await this.WriteOrDropAsync(state);
            await PvoFinance.Grains.Sagas.SagaExecutor.CompensateAsync(GrainFactory, plan);
            state.State.Pending.Remove(commitmentId);
            await this.WriteOrDropAsync(state);
            return RefusedFor(run.Refusal!);
        }
        foreach (var year in commitment.Amounts.Keys)
        {
            state.State.Years.Add(year);
        }
        state.State.Pending.Remove(commitmentId);
        state.State.Commitments[commitmentId] = commitment;
        await this.WriteOrDropAsync(state);
        return FundingReply.Success(await Details());
    }

    /// <inheritdoc />
    public async Task<FundingReply> Pay(string paymentId, string region, int year, long cents)
    {
        if (Definition is not { } d)
        {
            return NotFound();
        }
        if (KeyError("paymentId", paymentId) is { } badKey)
        {
            return badKey;
        }
        if (YearError(year) is { } bad)
        {
            return bad;
        }
        if (!Catalog.IsRegion(region))
        {
            return Invalid("region", $"'{region}' is not one of the ten regions.");
        }
        if (cents is <= 0 or > Money.MaxCents)
        {
            return Invalid("amount", "A payment is positive.");
        }
        // The commitment account also holds what applications' grants committed to the region; that money is paid through
        // the application. A direct payment may only pay what this source committed directly and has not yet paid.
        var payment = new DirectPaymentDto(region, year, cents);
        if (state.State.Payments.TryGetValue(paymentId, out var known))
        {
            if (known != payment)
            {
                return FundingReply.Refused(nameof(RejectionCode.IdempotencyConflict), "paymentId", $"Payment '{paymentId}' was already made with different content.");
            }
        }
        else
        {
            if (state.State.Payments.Count >= FundingSourceLimits.MaxDirectPayments)
            {
                return FundingReply.Refused("LimitExceeded", "paymentId",
                    $"Funding source '{Id}' keeps at most {FundingSourceLimits.MaxDirectPayments:N0} direct payments; pay further commitments through applications or another source.");
            }
            var committed = state.State.Commitments.Values.Where(c => c.Region == region).Sum(c => c.Amounts.GetValueOrDefault(year));
            var paid = state.State.Payments.Values.Where(p => p.Region == region && p.Year == year).Sum(p => p.Cents);
            if (cents > committed - paid)
            {
                return FundingReply.Refused("LimitExceeded", "amount",
                    $"More than is committed and unpaid to '{region}' for {year}: {new Money(committed - paid)} of direct commitments is unpaid; grants of applications are paid through the application.");
            }
            state.State.Payments[paymentId] = payment;
            await this.WriteOrDropAsync(state);
        }
        var commitment = FundingAccounts.Commitment(Id, year, region).Value;
        var funds = FundingAccounts.RegionFunds(region, Id).Value;
        var date = $"{year}-01-01";
        TransferReply reply;
        var firstLegMoved = false;
        if (d.Intermediary is { } via)
        {
            // Through the intermediary: it receives the money owed onward to the region, then passes it on.
            // Both legs are transfers keyed by the payment, so the chain is in the ledger and a retry resumes it.
            var held = AccountId.Of(AccountKind.Commitment, via, Id, region).Value;
            reply = await Transfer(PassThroughTransfers.ToIntermediary(Id, paymentId), new TransferRequest { FromJournal = FundingAccounts.Journal(Id, year), DebitAccount = commitment, ToJournal = FundingAccounts.IntermediaryJournal(via), CreditAccount = held, Cents = cents, ValueDate = date, Memo = $"{paymentId} via {via}" });
            firstLegMoved = reply.Status == TransferStatus.Completed;
            if (firstLegMoved)
            {
                reply = await Transfer(PassThroughTransfers.FromIntermediary(Id, paymentId), new TransferRequest { FromJournal = FundingAccounts.IntermediaryJournal(via), DebitAccount = held, ToJournal = FundingAccounts.RegionJournal(region), CreditAccount = funds, Cents = cents, ValueDate = date, Memo = $"{paymentId} from {Id}" });
            }
        }
        else
        {
            reply = await Transfer($"pay:{Id}:{paymentId}", new TransferRequest { FromJournal = FundingAccounts.Journal(Id, year), DebitAccount = commitment, ToJournal = FundingAccounts.RegionJournal(region), CreditAccount = funds, Cents = cents, ValueDate = date, Memo = paymentId });
        }
        if (reply.Status != TransferStatus.Completed)
        {
            // Refused by the ledger before any money moved: the payment no longer counts against the direct commitments.
            if (!firstLegMoved)
            {
                state.State.Payments.Remove(paymentId);
                await this.WriteOrDropAsync(state);
            }
            return reply.Rejection!.Code == nameof(RejectionCode.LimitExceeded)
                ? FundingReply.Refused("LimitExceeded", "amount", $"More than is committed and unpaid to '{region}' for {year}: {reply.Rejection.Message}")
                : FundingReply.Refused(reply.Rejection.Code, reply.Rejection.Field == "transferId" ? "paymentId" : reply.Rejection.Field, reply.Rejection.Message);
        }
        return FundingReply.Success(await Details(), amount: cents);
    }

    /// <inheritdoc />
    public async Task<FundingReply> InvoiceLevy(int year)
    {
        if (Definition is not { } d)
        {
            return NotFound();
        }
        if (d.Kind != FundingSourceKind.MunicipalLevy)
        {
            return Invalid("kind", "Only a municipal levy invoices municipalities.");
        }
        if (YearError(year) is { } bad)
        {
            return bad;
        }
        var region = d.Owner.Name!;
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
        var invoices = LevyInvoicing.Invoice(d.LevyRate!.Value, participants);
        if (state.State.Invoices.TryGetValue(year, out var issued))
        {
            return issued.Select(i => (i.MunicipalityCode, i.Amount)).SequenceEqual(invoices.Select(i => (i.MunicipalityCode, i.Amount.Cents)))
                ? await GetInvoices(year)
                : FundingReply.Refused("Conflict", "year", $"The {year} levy was already invoiced at other amounts; correct single invoices instead.");
        }
        foreach (var invoice in invoices.Where(i => i.Amount.Cents > 0))
        {
            var reply = await Post(year, $"invoice:{invoice.MunicipalityCode}", $"Levy {year} {invoice.MunicipalityName}: {invoice.Inhabitants} inhabitants ({referenceYear}) x {d.LevyRate}",
                (FundingAccounts.Receivable(Id, year, invoice.MunicipalityCode), invoice.Amount.Cents), (FundingAccounts.Budget(Id, year), -invoice.Amount.Cents));
            if (!reply.Succeeded)
            {
                return FromLedger(reply, "year");
            }
        }
        state.State.Invoices[year] = [.. invoices.Select(i => new InvoiceDto(i.MunicipalityCode, i.MunicipalityName, i.Inhabitants, i.Amount.Cents, i.Amount.Cents, referenceYear))];
        state.State.Years.Add(year);
        await this.WriteOrDropAsync(state);
        return await GetInvoices(year);
    }

    /// <inheritdoc />
    public async Task<FundingReply> GetInvoices(int year)
    {
        if (state.State.Source is null)
        {
            return NotFound();
        }
        if (!state.State.Invoices.TryGetValue(year, out var issued))
        {
            return FundingReply.Success(invoices: []);
        }
        // What each municipality still owes, from the figures module over the year's journal.
        _lines ??= new JournalLines(GrainFactory);
        var book = await _lines.BookAsync([FundingAccounts.Journal(Id, year)]);
        return FundingReply.Success(invoices: [.. issued.Select(i => i with
        {
            Outstanding = book.Where(m => m.Source == Id && m.Year == year && m.Debtor == i.MunicipalityCode.ToLowerInvariant()).Receivable,
        })]);
    }

    /// <inheritdoc />
    public async Task<FundingReply> RecordReceipt(string receiptId, int year, string debtor, long cents)
    {
        if (Definition is not { } d)
        {
            return NotFound();
        }
        if (d.Kind is not (FundingSourceKind.MunicipalLevy or FundingSourceKind.ProjectOverhead))
        {
            return Invalid("kind", "Receipts are recorded against levy invoices and overhead charges.");
        }
        if (KeyError("receiptId", receiptId) is { } badKey)
        {
            return badKey;
        }
        if (YearError(year) is { } bad)
        {
            return bad;
        }
        if (cents is <= 0 or > Money.MaxCents)
        {
            return Invalid("amount", "A receipt is positive.");
        }
        if (string.IsNullOrEmpty(debtor) || !AccountId.TryParse($"receivable:{Id}:{year}:{debtor.ToLowerInvariant()}", out var receivable, out _))
        {
            return Invalid("debtor", "The debtor is a municipality code (e.g. GM0014) or a project id.");
        }
        // The receivable's limit (credits never exceed debits) makes the ledger refuse a receipt larger than what
        // is owed, atomically; a retried receipt with the same id is recognised by its key and not counted twice.
        var reply = await Post(year, $"receipt:{receiptId}", $"Received from {debtor}",
            (FundingAccounts.Cash(Id, year), cents), (receivable, -cents));
        if (reply.Rejection?.Code == nameof(RejectionCode.LimitExceeded))
        {
            return FundingReply.Refused("LimitExceeded", "amount", $"More than '{debtor}' owes for {year}: {reply.Rejection.Message}");
        }
        return reply.Succeeded
            ? FundingReply.Success(await Details(), amount: cents)
            : FromLedger(reply, reply.Rejection!.Code == nameof(RejectionCode.IdempotencyConflict) ? "receiptId" : "amount");
    }

    /// <inheritdoc />
    public async Task<FundingReply> ChargeOverhead(string chargeId, int year, string projectId, long projectCostCents)
    {
        if (Definition is not { } d)
        {
            return NotFound();
        }
        if (d.Kind != FundingSourceKind.ProjectOverhead)
        {
            return Invalid("kind", "Only a project overhead source charges overhead.");
        }
        if (KeyError("chargeId", chargeId) is { } badKey)
        {
            return badKey;
        }
        if (YearError(year) is { } bad)
        {
            return bad;
        }
        if (!JournalIds.IsValid(projectId) || projectId.Contains('.'))
        {
            return Invalid("projectId", "A project id has 1..100 characters a-z, 0-9, '-', '_'.");
        }
        if (projectCostCents is <= 0 or > Money.MaxCents)
        {
            return Invalid("projectCosts", "Project costs are positive.");
        }
        var charge = d.Overhead!.Value.Of(new Money(projectCostCents));
        if (charge.Cents == 0)
        {
            return Invalid("projectCosts", "The overhead on these costs rounds to zero.");
        }
        var reply = await Post(year, $"overhead:{chargeId}", $"Overhead {d.Overhead} on {new Money(projectCostCents)} of project {projectId}",
            (FundingAccounts.Receivable(Id, year, projectId), charge.Cents), (FundingAccounts.Budget(Id, year), -charge.Cents));
        if (!reply.Succeeded)
        {
            return FromLedger(reply, "chargeId");
        }
        await RememberYear(year);
        return FundingReply.Success(await Details(), amount: charge.Cents);
    }

    /// <inheritdoc />
    public async Task<FundingReply> RecordHours(string recordId, int year, long centiHours, string? description)
    {
        if (Definition is not { } d)
        {
            return NotFound();
        }
        if (d.Kind != FundingSourceKind.InKind)
        {
            return Invalid("kind", "Only an in-kind source records hours.");
        }
        if (KeyError("recordId", recordId) is { } badKey)
        {
            return badKey;
        }
        if (YearError(year) is { } bad)
        {
            return bad;
        }
        if (centiHours is <= 0 or > 10_000_00)
        {
            return Invalid("hours", "Hours are positive, at most 10000.00 in one record.");
        }
        // Hours × rate, rounded once to the cent (half away from zero), valued on memo accounts only.
        var value = Money.FromCents((long)(((Int128)d.HourlyRate!.Value.Cents * centiHours + 50) / 100));
        var reply = await Post(year, $"hours:{recordId}", Trim(description) ?? $"{centiHours / 100m} h",
            (FundingAccounts.InKind(Id, year), value.Cents), (FundingAccounts.InKindSource(Id, year), -value.Cents));
        if (!reply.Succeeded)
        {
            return FromLedger(reply, "recordId");
        }
        await RememberYear(year);
        return FundingReply.Success(await Details(), amount: value.Cents);
    }

    /// <inheritdoc />
    public async Task<FundingReply> RecordContribution(string contributionId, int year, string contributor, long cents)
    {
        if (Definition is not { } d)
        {
            return NotFound();
        }
        if (d.Kind != FundingSourceKind.Private)
        {
            return Invalid("kind", "Only a private source records contributions.");
        }
        if (KeyError("contributionId", contributionId) is { } badKey)
        {
            return badKey;
        }
        if (YearError(year) is { } bad)
        {
            return bad;
        }
        if (string.IsNullOrWhiteSpace(contributor) || contributor.Length > 120 || contributor.Any(char.IsControl))
        {
            return Invalid("contributor", "The contributor's name (1..120 printable characters) is required.");
        }
        if (cents is <= 0 or > Money.MaxCents)
        {
            return Invalid("amount", "A contribution is positive.");
        }
        var reply = await Post(year, $"contribution:{contributionId}", $"Contribution of {contributor}",
            (FundingAccounts.Cash(Id, year), cents), (FundingAccounts.Budget(Id, year), -cents));
        if (!reply.Succeeded)
        {
            return FromLedger(reply, "contributionId");
        }
        await RememberYear(year);
        return FundingReply.Success(await Details(), amount: cents);
    }

    private IFundingRegistryGrain Registry => GrainFactory.GetGrain<IFundingRegistryGrain>(0);

    private ILedgerGrain Ledger(int year) => GrainFactory.GetGrain<ILedgerGrain>(FundingAccounts.Journal(Id, year));

    private Task<TransferReply> Transfer(string id, TransferRequest request) => GrainFactory.GetGrain<ITransferGrain>(id).Execute(request);

    private Task<LedgerReply> Post(int year, string key, string memo, params (AccountId Account, long Cents)[] legs) =>
        Ledger(year).Execute(new LedgerRequest
        {
            Kind = LedgerRequestKind.Post,
            Key = key,
            ValueDate = $"{year}-01-01",
            Postings = [.. legs.Select(l => new PostingDto(l.Account.Value, l.Cents))],
            Memo = Trim(memo),
        });

    private async Task<Dictionary<string, BalanceDto>> Balances(int year) =>
        (await Ledger(year).GetBalances()).ToDictionary(b => b.Account, StringComparer.Ordinal);

    private async Task<BalanceDto?> Balance(int year, AccountId account) => (await Balances(year)).GetValueOrDefault(account.Value);

    private async Task RememberYear(int year)
    {
        if (state.State.Years.Add(year))
        {
            await this.WriteOrDropAsync(state);
        }
    }

    // The source's journals read so far; only newer entries are read again (entries never change).
    private JournalLines? _lines;

    private async Task<FundingSourceDetailsDto> Details()
    {
        _lines ??= new JournalLines(GrainFactory);
        var book = await _lines.BookAsync(state.State.Years.Select(y => FundingAccounts.Journal(Id, y)));
        var years = state.State.Years.Select(y => YearOf(y, book.SourceYear(Id, y))).ToList();
        return new FundingSourceDetailsDto(state.State.Source!, years, [.. state.State.Commitments.Values.OrderBy(c => c.CommitmentId, StringComparer.Ordinal)]);
    }

    /// <summary>A budget year's figures, as the figures module computes them from its journal (docs/ledger.md, "Figures").</summary>
    private BudgetYearDto YearOf(int year, PvoFinance.LedgerFigures.Figures f) => new(
        year,
        // A scheme's or province's ceiling is what was appropriated; the other kinds' "ceiling" is what came in or is owed.
        Ceiling: Definition?.Kind is FundingSourceKind.NationalScheme or FundingSourceKind.ProvincialFund ? f.Ceiling : f.Raised,
        Committed: f.Committed,
        Paid: f.Paid,
        Available: f.Available,
        Invoiced: f.Invoiced,
        Received: f.CashIn,
        Receivable: f.Receivable,
        InKind: f.InKind)
    {
        Released = f.Released,
        Open = f.Open,
        Payable = f.Payable,
        ToReclaim = f.ToReclaim,
        Reclaimed = f.Reclaimed,
        Reserved = f.Reserved,
    };

    private static (FundingSourceDefinition? Definition, FieldError? Error) Check(FundingSourceDto dto)
    {
        var (definition, error) = FundingSourceMapper.ToDefinition(dto);
        if (definition is null)
        {
            return (null, error);
        }
        return FundingValidation.Check(definition, Catalog) is { } invalid ? (null, invalid) : (definition, null);
    }

    private static bool Same(FundingSourceDto a, FundingSourceDto b) =>
        a with { Themes = [], Participants = [] } == b with { Themes = [], Participants = [] }
        && a.Themes.SequenceEqual(b.Themes) && a.Participants.SequenceEqual(b.Participants);

    private static bool Same(CommitmentDto a, CommitmentDto b) =>
        a.Region == b.Region && a.Purpose == b.Purpose && a.Amounts.OrderBy(k => k.Key).SequenceEqual(b.Amounts.OrderBy(k => k.Key));

    private static FundingReply? YearError(int year) =>
        year is < FirstYear or > LastYear ? Invalid("year", $"A budget year is between {FirstYear} and {LastYear}.") : null;

    private static FundingReply? KeyError(string field, string? key) =>
        string.IsNullOrEmpty(key) || key.Length > 100 || key.Any(c => c is < '!' or > '~' or '/' or '\\' or '#' or '?' or ':')
            ? Invalid(field, $"{field} has 1..100 printable ASCII characters without spaces or / \\ # ? :.")
            : null;

    private static FundingReply FromLedger(LedgerReply reply, string field) =>
        FundingReply.Refused(reply.Rejection!.Code, field, reply.Rejection.Message);

    private static FundingReply Invalid(string field, string message) => FundingReply.Refused("Invalid", field, message);

    private FundingReply NotFound() => FundingReply.Refused("NotFound", "id", $"No funding source '{Id}'.");

    private static string? Trim(string? memo) => memo is null ? null : memo.Length <= LedgerLimits.MaxMemoChars ? memo : memo[..LedgerLimits.MaxMemoChars];
}
