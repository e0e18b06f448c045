namespace PvoFinance.Funding;

/// <summary>What a funding source decided about a command: a value to act on, or a refusal.</summary>
/// <typeparam name="T">What the command leads to (a posting, a commitment to make, a payment to move).</typeparam>
public sealed class FundingDecision<T>
    where T : class
{
    private FundingDecision(T? value, FundingRefusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    /// <summary>What to do; null when refused.</summary>
    public T? Value { get; }

    /// <summary>Why not; null when accepted.</summary>
    public FundingRefusal? Refusal { get; }

    /// <summary>True when the command is refused.</summary>
    public bool IsRefused => Refusal is not null;

    /// <summary>An accepted command.</summary>
    public static implicit operator FundingDecision<T>(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A refused command.</summary>
    public static implicit operator FundingDecision<T>(FundingRefusal refusal) => new(null, refusal ?? throw new ArgumentNullException(nameof(refusal)));

    /// <summary>Text for test output.</summary>
    public override string ToString() => Refusal is { } r ? $"refused {r.Code} {r.Field}: {r.Message}" : $"ok {Value}";
}
