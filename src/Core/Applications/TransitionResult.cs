namespace PvoFinance.Applications;

/// <summary>
/// The outcome of a request: either done (with the new application, its history entry and the ledger
/// movements to book), or refused (with the unchanged application).
/// </summary>
public sealed record TransitionResult
{
    private TransitionResult(Application application, HistoryEntry? entry, Refusal? refusal)
    {
        Application = application;
        Entry = entry;
        Refusal = refusal;
    }

    /// <summary>The application after the request: changed when done, the same value when refused.</summary>
    public Application Application { get; }

    /// <summary>The history entry written; null when refused.</summary>
    public HistoryEntry? Entry { get; }

    /// <summary>Why it was refused; null when done.</summary>
    public Refusal? Refusal { get; }

    /// <summary>True when the transition happened.</summary>
    public bool IsOk => Refusal is null;

    /// <summary>The ledger movements to book; empty when refused.</summary>
    public IReadOnlyList<LedgerEffect> Effects => Entry?.Effects ?? [];

    internal static TransitionResult Done(Application application, HistoryEntry entry) => new(application, entry, null);

    internal static TransitionResult Refused(Application application, Refusal refusal) => new(application, null, refusal);

    /// <summary>Text for test output and logs.</summary>
    public override string ToString() => IsOk
        ? $"ok {Entry!.From} -> {Entry.To} [{string.Join(", ", Effects)}]"
        : $"refused {Refusal!.Code} {Refusal.Field}: {Refusal.Reason}";
}
