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
        var key = $"commit:{commitmentId}:{state.State.Attempts.GetValueOrDefault(commitmentId)}";
        LedgerRequest Reserve(int year, long cents) => new()
        {
            Kind = LedgerRequestKind.Reserve,
            Key = key,
            ValueDate = $"{year}-01-01",
            Postings = [new(FundingAccounts.Budget(Id, year).Value, cents), new(FundingAccounts.Commitment(Id, year, region).Value, -cents)],
            Memo = Trim(purpose),
        };
        // Every year's journal is asked first: a year it would refuse refuses the commitment before anything is
        // reserved or remembered, so a refused commitment leaves every journal and this source as they were.
        foreach (var (year, cents) in commitment.Amounts)
        {
            if (await Ledger(year).Check(Reserve(year, cents)) is { } wouldRefuse)
            {
                return wouldRefuse.Code == nameof(RejectionCode.LimitExceeded)
                    ? FundingReply.Refused("LimitExceeded", $"amounts.{year}", $"The {year} budget cannot carry this: {wouldRefuse.Message}")
                    : FromLedger(new LedgerReply(LedgerReplyStatus.Rejected, null, wouldRefuse), $"amounts.{year}");
            }
        }
        // Remember the attempt before the first ledger entry: after a crash the same call resumes it with the
        // same keys; after a refusal the next call starts a new attempt with new keys.
        state.State.Pending[commitmentId] = commitment;
        await this.WriteOrDropAsync(state);

        // All years or none: reserve every year against its ceiling first; only when all hold, post them.
        var reserved = new List<int>();
        foreach (var (year, cents) in commitment.Amounts)
        {
            var reply = await Ledger(year).Execute(Reserve(year, cents));
            if (!reply.Succeeded)
            {
                foreach (var done in reserved)
                {
                    var voided = await Ledger(done).Execute(new LedgerRequest { Kind = LedgerRequestKind.VoidReservation, Key = $"{key}:void", ValueDate = $"{done}-01-01", ReservationKey = key });
                    if (!voided.Succeeded && voided.Rejection?.Code != nameof(RejectionCode.ReservationClosed))
                    {
                        throw new InvalidOperationException($"Voiding reservation '{key}' for {done} was refused: {voided.Rejection?.Message}");
                    }
                }
                state.State.Pending.Remove(commitmentId);
                state.State.Attempts[commitmentId] = state.State.Attempts.GetValueOrDefault(commitmentId) + 1;
                await this.WriteOrDropAsync(state);
                return reply.Rejection!.Code == nameof(RejectionCode.LimitExceeded)
                    ? FundingReply.Refused("LimitExceeded", $"amounts.{year}", $"The {year} budget cannot carry this: {reply.Rejection.Message}")
                    : FromLedger(reply, $"amounts.{year}");
            }
            reserved.Add(year);
        }
        foreach (var year in reserved)
        {
            var posted = await Ledger(year).Execute(new LedgerRequest { Kind = LedgerRequestKind.PostReservation, Key = $"{key}:post", ValueDate = $"{year}-01-01", ReservationKey = key });
            if (!posted.Succeeded)
            {
                throw new InvalidOperationException($"Posting reserved commitment '{key}' for {year} was refused: {posted.Rejection?.Message}");
            }
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

    private static FundingReply FromLedger(LedgerReply reply, string field) =>
        FundingReply.Refused(reply.Rejection!.Code, field, reply.Rejection.Message);

    private static FundingReply Refused(FundingRefusal refusal) => FundingReply.Refused(refusal.Code.ToString(), refusal.Field, refusal.Message);

    private static string? Trim(string? memo) => FundingSourceAggregate.Trim(memo);
}
