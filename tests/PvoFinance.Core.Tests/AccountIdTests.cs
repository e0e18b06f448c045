using PvoFinance.Ledger;

namespace PvoFinance.Core.Tests;

public class AccountIdTests
{
    [Theory]
    [InlineData("budget:jenv-pvo:2026", AccountKind.Budget, AccountType.Equity, BalanceLimit.DebitsMustNotExceedCredits)]
    [InlineData("commitment:jenv-pvo:2026:app-42", AccountKind.Commitment, AccountType.Liability, BalanceLimit.DebitsMustNotExceedCredits)]
    [InlineData("cash:bank-1", AccountKind.Cash, AccountType.Asset, BalanceLimit.CreditsMustNotExceedDebits)]
    [InlineData("appropriation:jenv-pvo:2026", AccountKind.Appropriation, AccountType.Equity, BalanceLimit.None)]
    [InlineData("expense:subsidies", AccountKind.Expense, AccountType.Expense, BalanceLimit.None)]
    [InlineData("clearing:region.limburg", AccountKind.Clearing, AccountType.Asset, BalanceLimit.None)]
    [InlineData("inkind:hours", AccountKind.InKind, AccountType.Memo, BalanceLimit.None)]
    [InlineData("inkind-source:volunteers_2026", AccountKind.InKindSource, AccountType.Memo, BalanceLimit.None)]
    public void The_prefix_alone_fixes_kind_type_and_limit(string text, AccountKind kind, AccountType type, BalanceLimit limit)
    {
        Assert.True(AccountId.TryParse(text, out var id, out var error), error);
        Assert.Equal(text, id.Value);
        Assert.Equal(text, id.ToString());
        Assert.Equal(kind, id.Kind);
        Assert.Equal(type, id.Rule.Type);
        Assert.Equal(limit, id.Rule.Limit);
        Assert.Equal(type == AccountType.Memo, id.IsMemo);
    }

    [Theory]
    [InlineData("")]
    [InlineData("budget")]
    [InlineData("budget:")]
    [InlineData(":2026")]
    [InlineData("budget::2026")]
    [InlineData("Budget:2026")]
    [InlineData("budget:JENV")]
    [InlineData("budget:a b")]
    [InlineData("budget:a/b")]
    [InlineData("budget:é")]
    [InlineData("budget:２０２６")]
    [InlineData("wallet:2026")]
    [InlineData("inkinds:x")]
    [InlineData(" budget:2026")]
    public void Malformed_or_unknown_ids_are_refused_with_a_reason(string text)
    {
        Assert.False(AccountId.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<FormatException>(() => AccountId.Parse(text));
    }

    [Fact]
    public void Null_is_refused()
    {
        Assert.False(AccountId.TryParse(null, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Ids_are_bounded_in_length()
    {
        var atLimit = "budget:" + new string('a', AccountId.MaxLength - "budget:".Length);
        Assert.True(AccountId.TryParse(atLimit, out _, out _));
        Assert.False(AccountId.TryParse(atLimit + "a", out _, out var error));
        Assert.Contains(AccountId.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), error);
    }

    [Fact]
    public void Of_builds_a_validated_id_from_kind_and_segments()
    {
        Assert.Equal(AccountId.Parse("commitment:jenv-pvo:2026:app-42"), AccountId.Of(AccountKind.Commitment, "jenv-pvo", "2026", "app-42"));
        Assert.Throws<FormatException>(() => AccountId.Of(AccountKind.Budget, "Has Space"));
        Assert.Throws<FormatException>(() => AccountId.Of(AccountKind.Budget));
    }

    [Fact]
    public void Equal_text_is_the_same_account_and_case_matters()
    {
        var a = AccountId.Parse("budget:jenv-pvo:2026");
        var b = AccountId.Parse(string.Concat("budget:", "jenv-pvo:2026"));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, AccountId.Parse("budget:jenv-pvo:2027"));
        var set = new HashSet<AccountId> { a, b };
        Assert.Single(set);
        Assert.NotEqual(a, default);
    }

    [Fact]
    public void Every_kind_has_exactly_one_rule_with_a_distinct_prefix()
    {
        var kinds = Enum.GetValues<AccountKind>();
        Assert.Equal(kinds.Length, ChartOfAccounts.Rules.Count);
        Assert.Equal(kinds.Length, ChartOfAccounts.Rules.Select(r => r.Prefix).Distinct().Count());
        foreach (var kind in kinds)
        {
            var rule = ChartOfAccounts.For(kind);
            Assert.Equal(kind, rule.Kind);
            Assert.True(ChartOfAccounts.TryGetByPrefix(rule.Prefix, out var byPrefix));
            Assert.Equal(rule, byPrefix);
        }
    }

    [Theory]
    [InlineData("region.limburg", true)]
    [InlineData("source.jenv-pvo.2026", true)]
    [InlineData("project_app-42", true)]
    [InlineData("", false)]
    [InlineData("Region.Limburg", false)]
    [InlineData("region/limburg", false)]
    [InlineData("region:limburg", false)]
    public void Journal_ids_are_lower_case_and_usable_as_an_account_segment(string id, bool valid)
    {
        Assert.Equal(valid, JournalIds.IsValid(id));
        if (valid)
        {
            var clearing = JournalIds.ClearingAccountFor(id);
            Assert.Equal(AccountKind.Clearing, clearing.Kind);
            Assert.Equal("clearing:" + id, clearing.Value);
        }
    }

    [Fact]
    public void Journal_ids_are_bounded_in_length()
    {
        Assert.True(JournalIds.IsValid(new string('a', JournalIds.MaxLength)));
        Assert.False(JournalIds.IsValid(new string('a', JournalIds.MaxLength + 1)));
        Assert.False(JournalIds.IsValid(null));
    }
}
