using PvoFinance.Funding;
using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.LedgerFigures;
using PvoFinance.Ledger;
using PvoFinance.Regions;
using PvoFinance.Storage;

namespace PvoFinance.Grains.Funding;

/// <summary>
/// A funding source. Thin: the money rules live in <see cref="FundingSourceAggregate"/> (each command decided into
/// ledger entries or a refusal); the money lives in the ledger journals of its budget years (<see cref="FundingAccounts"/>);
/// commitments and payments are rows (<see cref="IFundingRowStore"/>). Every ledger entry is keyed by the caller's id,
/// so a retried command after a timeout or crash finds its entry instead of making a second one. The commands are
/// spread over partial files: definition and ceilings, money, rows; this file holds the commitment and the figures.
/// </summary>
public sealed partial class FundingSourceGrain(
    [PersistentState("source", StorageNames.Funding)] IPersistentState<FundingSourceState> state,
    IFundingRowStore rows) : Grain, IFundingSourceGrain
{
    /// <summary>Years a budget can be kept for.</summary>
    public const int FirstYear = FundingSourceAggregate.FirstYear, LastYear = FundingSourceAggregate.LastYear;

    /// <summary>Most years one commitment may span.</summary>
    public const int MaxCommitmentYears = FundingSourceAggregate.MaxCommitmentYears;

    private static readonly RegionCatalog Catalog = RegionCatalog.Shipped;

    private string Id => this.GetPrimaryKeyString();

    private FundingSourceDefinition? Definition =>
        state.State.Source is { } dto ? FundingSourceMapper.ToDefinition(dto).Definition : null;

    /// <inheritdoc />
    public async Task<FundingReply> Commit(string commitmentId, string region, IReadOnlyDictionary<int, long> amounts, string? purpose)
    {
        // The rules are the aggregate's; the grain reads the facts they need: the row of this id (a point read) and
        // the commitment being made under it, if any.
        var known = Definition is null ? null : await CommitmentRow(commitmentId);
        var pendingDto = state.State.Pending.GetValueOrDefault(commitmentId);
        var decision = FundingSourceAggregate.DecideCommit(Definition, Id, new Commitment(commitmentId, region, amounts, purpose),
            known is { Made: true } ? ToCommitment(known) : null, pendingDto is null ? null : ToCommitment(pendingDto),
            state.State.CommitmentCount + state.State.Pending.Count, Catalog);
        if (decision.Refusal is { } refused)
        {
            return Refused(refused);
        }
        if (decision.Value!.AlreadyMade)
        {
            return FundingReply.Success(await Details());
        }
        var commitment = ToDto(decision.Value.Commitment);
        HoldAttempts(commitmentId, known);
        var pending = pendingDto;
        // A multi-year commitment is a saga of one hold per year's journal (docs/ledger.md, "Sagas"); its intent record is
        // the commitment under Pending with its attempt under Attempts, written with this source's state.
        var attempt = state.State.Attempts.GetValueOrDefault(commitmentId);
        PvoFinance.Ledger.SagaPlan PlanOf(int a) => PvoFinance.Ledger.SagaPlan.Of([.. commitment.Amounts.Select(y => new PvoFinance.Ledger.SagaMovement(
            PvoFinance.Ledger.SagaKeys.Commitment(commitmentId, a), PvoFinance.Ledger.SagaMovementKind.Hold, FundingAccounts.Journal(Id, y.Key),
            FundingAccounts.Budget(Id, y.Key), null, FundingAccounts.Commitment(Id, y.Key, region), new Money(y.Value), new NodaTime.LocalDate(y.Key, 1, 1), Trim(purpose)))]);
        FundingReply RefusedFor(PvoFinance.Grains.Sagas.SagaRefusal r) => r.Rejection.Code == nameof(RejectionCode.LimitExceeded)
            ? FundingReply.Refused(FundingRefusalCode.LimitExceeded, $"amounts.{r.Movement.ValueDate.Year}", $"The {r.Movement.ValueDate.Year} budget cannot carry this: {r.Rejection.Message}")
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
        Made(commitment);
        await this.WriteOrDropAsync(state);
        return FundingReply.Success(await Details());
    }

    private IFundingRegistryGrain Registry => GrainFactory.GetGrain<IFundingRegistryGrain>(0);

    private ILedgerGrain Ledger(int year) => GrainFactory.GetGrain<ILedgerGrain>(FundingAccounts.Journal(Id, year));

    private Task<TransferReply> Transfer(string id, TransferRequest request) => GrainFactory.GetGrain<ITransferGrain>(id).Execute(request);

    private Task<LedgerReply> Post(int year, string key, string memo, params (AccountId Account, long Cents)[] legs) =>
        Ledger(year).Execute(new LedgerRequest
        {
            Kind = LedgerRequestKind.Post,
            Key = key,
            ValueDate = new NodaTime.LocalDate(year, 1, 1),
            Postings = [.. legs.Select(l => new Posting(l.Account, new Money(l.Cents)))],
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

    // Every year's figures from the running totals its journal keeps (one call per year, all at once; no entry read).
    private async Task<FundingSourceDetailsDto> Details()
    {
        var book = await JournalTotals.ReadAsync(GrainFactory, state.State.Years.Select(y => FundingAccounts.Journal(Id, y)));
        var years = state.State.Years.Select(y => YearOf(y, book.SourceYear(Id, y))).ToList();
        // The newest few commitments and the counts; all of them are read page by page from the rows.
        return new FundingSourceDetailsDto(state.State.Source!, years, [.. state.State.Recent])
        {
            CommitmentCount = state.State.CommitmentCount,
            PaymentCount = state.State.PaymentCount,
        };
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

    private static FundingReply FromLedger(LedgerReply reply, string field) => FundingReply.FromLedger(reply.Rejection!, field);

    private static FundingReply Refused(FundingRefusal refusal) => FundingReply.Refused(refusal);

    private static string? Trim(string? memo) => FundingSourceAggregate.Trim(memo);
}
