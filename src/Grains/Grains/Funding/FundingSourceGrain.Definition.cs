using PvoFinance.Funding;
using PvoFinance.Ledger;

namespace PvoFinance.Grains.Funding;

/// <summary>The source's definition and its budget years' ceilings.</summary>
public sealed partial class FundingSourceGrain
{
    /// <inheritdoc />
    public async Task<FundingReply> Create(FundingSourceDto source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (candidate, unreadable) = FundingSourceMapper.ToDefinition(source);
        var decision = FundingSourceAggregate.DecideCreate(Id, source.Id, candidate, unreadable, Definition, Catalog);
        if (decision.Refusal is { } refused)
        {
            return Refused(refused);
        }
        if (decision.Value!.AlreadyExists)
        {
            return FundingReply.Success(await Details());
        }
        var d = decision.Value.Definition;
        if (!await Registry.Register(new FundingRegistryEntry(Id, d.Name, d.Kind.ToString(), d.Owner.ToString())))
        {
            return FundingReply.Refused(FundingRefusalCode.Conflict, "name", $"Another funding source is already called '{d.Name}'.");
        }
        state.State.Source = FundingSourceMapper.ToDto(d);
        await Save();
        return FundingReply.Success(await Details());
    }

    /// <inheritdoc />
    public async Task<FundingReply> Update(FundingSourceDto source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (candidate, unreadable) = FundingSourceMapper.ToDefinition(source);
        // The id, kind and owner are compared as sent, before they are read: a different kind is "cannot change", not "unknown".
        var decision = FundingSourceAggregate.DecideUpdate(Id, Definition, source.Id, source.Kind, source.Owner, candidate, unreadable, Catalog);
        if (decision.Refusal is { } refused)
        {
            return Refused(refused);
        }
        var d = decision.Value!;
        if (d.Name != state.State.Source!.Name
            && !await Registry.Register(new FundingRegistryEntry(Id, d.Name, d.Kind.ToString(), d.Owner.ToString())))
        {
            return FundingReply.Refused(FundingRefusalCode.Conflict, "name", $"Another funding source is already called '{d.Name}'.");
        }
        state.State.Source = FundingSourceMapper.ToDto(d);
        await Save();
        return FundingReply.Success(await Details());
    }

    /// <inheritdoc />
    public async Task<FundingSourceDetailsDto?> Get() => state.State.Source is null ? null : await Details();

    /// <inheritdoc />
    public Task<FundingSourceDto?> GetDefinition() => Task.FromResult(state.State.Source);

    /// <inheritdoc />
    public async Task<FundingReply> SetCeiling(int year, long ceilingCents)
    {
        // The rules first, without reading the ledger; then the ledger is the truth: the ceiling is what was
        // appropriated, so a retry after a crash finds the change already made (nothing to book) and the same request
        // never moves the ceiling twice.
        if (FundingSourceAggregate.DecideCeiling(Definition, Id, year, ceilingCents, ceilingCents, 0).Refusal is { } refused)
        {
            return Refused(refused);
        }
        var current = (await Balance(year, FundingAccounts.Appropriation(Id, year)))?.PostedBalance ?? 0;
        if (current != ceilingCents)
        {
            // A retry of the same change still finds the same journal version (or, if the entry landed, nothing to book).
            var version = (await Ledger(year).GetSummary()).Version;
            var posting = FundingSourceAggregate.DecideCeiling(Definition, Id, year, ceilingCents, current, version).Value!.Posting!;
            var reply = await Post(posting);
            if (!reply.Succeeded)
            {
                return reply.Rejection!.Code == nameof(RejectionCode.LimitExceeded)
                    ? FundingReply.Refused(FundingRefusalCode.LimitExceeded, "ceiling", $"The ceiling cannot go below what is already committed: {reply.Rejection.Message}")
                    : FromLedger(reply, "ceiling");
            }
        }
        await RememberYear(year);
        return FundingReply.Success(await Details());
    }
}
