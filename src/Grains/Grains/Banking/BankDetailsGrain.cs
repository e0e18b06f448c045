namespace PvoFinance.Grains.Banking;

/// <summary>Stores one party's bank details; the API checks them first, so this grain only keeps what it is given.</summary>
public sealed class BankDetailsGrain(
    [PersistentState("bankdetails", StorageNames.Funding)] IPersistentState<BankDetailsState> state) : Grain, IBankDetailsGrain
{
    /// <inheritdoc />
    public Task<BankAccountDto?> Get() => Task.FromResult(state.State.Account);

    /// <inheritdoc />
    public async Task<bool> Set(BankAccountDto account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account == state.State.Account)
        {
            return false;
        }
        var previous = state.State.Account;
        state.State.Account = account;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // What storage holds is the truth: keep the old value in memory and let the caller see the failure.
            state.State.Account = previous;
            throw;
        }
        return true;
    }
}
