namespace PvoFinance.Ledger;

/// <summary>
/// An account's identity: <c>kind:segment[:segment…]</c>, lower-case ASCII letters, digits, '-', '.' and '_'
/// in each segment, e.g. <c>budget:jenv-pvo:2026</c> or <c>commitment:jenv-pvo:2026:app-42</c>. The first
/// segment is a prefix from <see cref="ChartOfAccounts"/>, which fixes the account's type and limit.
/// </summary>
public readonly record struct AccountId
{
    /// <summary>Longest accepted id; ids end up in snapshots and CSV exports, so they are bounded.</summary>
    public const int MaxLength = 160;

    private AccountId(string value, ChartOfAccounts.Rule rule)
    {
        Value = value;
        Rule = rule;
    }

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <summary>The chart rule its prefix selects.</summary>
    public ChartOfAccounts.Rule Rule { get; }

    /// <summary>The account's kind.</summary>
    public AccountKind Kind => Rule.Kind;

    /// <summary>True for memo (in-kind) accounts, which never share an entry with cash accounts.</summary>
    public bool IsMemo => Rule.Type == AccountType.Memo;

    /// <summary>Parses an id, or throws <see cref="FormatException"/> saying why.</summary>
    public static AccountId Parse(string text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error);

    /// <summary>Builds an id from a kind and its segments, validating each.</summary>
    public static AccountId Of(AccountKind kind, params string[] segments) =>
        Parse(string.Join(':', [ChartOfAccounts.For(kind).Prefix, .. segments]));

    /// <summary>Parses an id; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out AccountId id, out string? error)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            error = $"An account id must have 1..{MaxLength} characters.";
            return false;
        }
        var segments = text.Split(':');
        if (segments.Length < 2)
        {
            error = $"Account id '{text}' needs a kind and at least one more segment, like 'budget:jenv-pvo:2026'.";
            return false;
        }
        foreach (var s in segments)
        {
            if (s.Length == 0 || !s.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_'))
            {
                error = $"Account id '{text}' has an empty segment or a character outside a-z, 0-9, '-', '.', '_'.";
                return false;
            }
        }
        if (!ChartOfAccounts.TryGetByPrefix(segments[0], out var rule))
        {
            error = $"Account id '{text}' starts with unknown kind '{segments[0]}'; known: {string.Join(", ", ChartOfAccounts.Rules.Select(r => r.Prefix))}.";
            return false;
        }
        id = new AccountId(text, rule);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? "";

    /// <inheritdoc />
    public bool Equals(AccountId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value);
}
