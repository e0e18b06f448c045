using PvoFinance.Grains.Contracts;
using PvoFinance.Ledger;

namespace PvoFinance.Grains.Sagas;

/// <summary>A journal refused a step of a saga: which movement, where, and why.</summary>
/// <param name="Movement">The movement whose step was refused.</param>
/// <param name="Journal">The journal that refused it.</param>
/// <param name="Rejection">The journal's refusal.</param>
public sealed record SagaRefusal(SagaMovement Movement, string Journal, RejectionDto Rejection);

/// <summary>The result of running a saga forward.</summary>
/// <param name="Refusal">The refusal when a journal refused its batch (the caller then compensates), else null.</param>
/// <param name="Sequences">When done: the sequence of every entry the saga has (made now or found), by journal and key.</param>
public sealed record SagaRun(SagaRefusal? Refusal, IReadOnlyDictionary<(string Journal, string Key), long> Sequences)
{
    /// <summary>True when every journal holds every step.</summary>
    public bool Done => Refusal is null;

    /// <summary>The sequence of the entry <paramref name="key"/> in <paramref name="journal"/>, or null.</summary>
    public long? SequenceOf(string journal, string key) => Sequences.TryGetValue((journal, key), out var s) ? s : null;
}
