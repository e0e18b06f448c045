namespace PvoFinance.Ledger;

/// <summary>The result of asking a journal to execute a command.</summary>
public abstract record LedgerOutcome;

/// <summary>The command made this new entry.</summary>
public sealed record Committed(JournalEntry Entry) : LedgerOutcome;

/// <summary>The key was used before with the same content; <see cref="Sequence"/> is the original entry.</summary>
public sealed record Duplicate(long Sequence) : LedgerOutcome;

/// <summary>The command was refused and nothing changed.</summary>
public sealed record Rejected(LedgerRejection Rejection) : LedgerOutcome;
