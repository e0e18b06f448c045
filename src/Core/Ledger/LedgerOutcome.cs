namespace PvoFinance.Ledger;

/// <summary>The result of asking a journal to execute a command.</summary>
public abstract record LedgerOutcome;

/// <summary>The command made this new entry.</summary>
public sealed record Committed(JournalEntry Entry) : LedgerOutcome;

/// <summary>The key was used before with the same content; <see cref="Sequence"/> is the original entry.</summary>
public sealed record Duplicate(long Sequence) : LedgerOutcome;

/// <summary>The command was refused and nothing changed.</summary>
public sealed record Rejected(LedgerRejection Rejection) : LedgerOutcome;

/// <summary>
/// In a batch (<see cref="Journal.ExecuteChains"/>): the command was not applied because command <see cref="AtFault"/>
/// of its linked chain was refused with <see cref="Rejection"/>; nothing of the chain changed the journal.
/// </summary>
public sealed record ChainRefused(int AtFault, LedgerRejection Rejection) : LedgerOutcome;
