using PvoFinance.Grains.Contracts;

namespace PvoFinance.Cluster.Tests;

/// <summary>Short builders for ledger requests in tests.</summary>
internal static class Ledger
{
    public const string Date = "2026-03-01";

    /// <summary><see cref="Date"/> as the date a ledger request carries.</summary>
    public static readonly NodaTime.LocalDate Day = new(2026, 3, 1);

    /// <summary>A leg of a ledger request from an account id's text and signed cents.</summary>
    public static PvoFinance.Ledger.Posting Leg(string account, long cents) => new(PvoFinance.Ledger.AccountId.Parse(account), new Money(cents));

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static LedgerRequest Post(string key, params (string Account, long Cents)[] legs) => new()
    {
        Kind = LedgerRequestKind.Post,
        Key = key,
        ValueDate = Day,
        Postings = [.. legs.Select(l => Leg(l.Account, l.Cents))],
    };

    /// <summary>Opens a budget year: the ceiling is credited to the budget account.</summary>
    public static async Task OpenBudget(IGrainFactory grains, string journal, string budgetAccount, long cents)
    {
        var reply = await grains.GetGrain<ILedgerGrain>(journal).Execute(Post($"open-{journal}", ("appropriation:" + budgetAccount[(budgetAccount.IndexOf(':') + 1)..], cents), (budgetAccount, -cents)));
        Assert.Equal(LedgerReplyStatus.Committed, reply.Status);
    }

    public static TransferRequest Transfer(string from, string debit, string to, string credit, long cents) => new()
    {
        FromJournal = from,
        DebitAccount = debit,
        ToJournal = to,
        CreditAccount = credit,
        Cents = cents,
        ValueDate = Date,
    };

    public static async Task<Dictionary<string, BalanceDto>> Balances(IGrainFactory grains, string journal) =>
        (await grains.GetGrain<ILedgerGrain>(journal).GetBalances()).ToDictionary(b => b.Account);

    /// <summary>The sum of every account's posted balance across journals: zero when no money was created or lost.</summary>
    public static async Task<long> NetPosted(IGrainFactory grains, IEnumerable<string> journals)
    {
        long total = 0;
        foreach (var j in journals)
        {
            total += (await grains.GetGrain<ILedgerGrain>(j).GetBalances()).Sum(b => b.PostedBalance);
        }
        return total;
    }
}
