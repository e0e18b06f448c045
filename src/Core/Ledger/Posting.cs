namespace PvoFinance.Ledger;

/// <summary>One leg of an entry: a positive amount debits the account, a negative amount credits it.</summary>
/// <remarks>A single signed number per leg makes "an entry sums to zero" one addition instead of two totals to compare.</remarks>
public readonly record struct Posting(AccountId Account, Money Amount)
{
    /// <summary>A debit of <paramref name="amount"/> (which must be positive).</summary>
    public static Posting Debit(AccountId account, Money amount) => new(account, amount);

    /// <summary>A credit of <paramref name="amount"/> (which must be positive).</summary>
    public static Posting Credit(AccountId account, Money amount) => new(account, -amount);
}

/// <summary>
/// A change to an account's pending (reserved) side. <see cref="Amount"/> is signed like a posting
/// (positive: pending debit, negative: pending credit); <see cref="Release"/> says the reservation is
/// being taken back (posted or voided) rather than made.
/// </summary>
public readonly record struct PendingPosting(AccountId Account, Money Amount, bool Release);
