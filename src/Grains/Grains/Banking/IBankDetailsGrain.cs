namespace PvoFinance.Grains.Banking;

/// <summary>
/// The bank account of one party money is paid to or collected from, keyed by <see cref="BankDetailsKeys"/>
/// (<c>region.limburg</c>, <c>owner.jenv-pvo</c>, <c>intermediary.jenv-pvo</c>, <c>municipality.GM0014</c>).
/// A grain per party, not a field on the region or source grain, so a change of account never rewrites their state.
/// </summary>
public interface IBankDetailsGrain : IGrainWithStringKey
{
    /// <summary>The recorded account, or null when none is recorded.</summary>
    Task<BankAccountDto?> Get();

    /// <summary>Replaces the account (checked by the caller with <see cref="PvoFinance.Banking.BankAccount.TryCreate"/>); true when it changed.</summary>
    Task<bool> Set(BankAccountDto account);
}
