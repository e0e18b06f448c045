using PvoFinance.Grains.Contracts;

namespace PvoFinance.Grains.Sagas;

/// <summary>Which way an open saga goes when it is resumed.</summary>
public enum SagaPhase
{
    /// <summary>Forward: every journal is to hold every step (running it again replays what is there).</summary>
    Forward,

    /// <summary>A journal refused: every movement is being undone (running it again finds what is undone).</summary>
    Compensating,
}

/// <summary>
/// The one durable intent record of a saga, written inside its owner's own state (a transfer's, an application's) in the
/// same write as the decision it carries out, before the first ledger step. While it is there the saga is open, and
/// the owner's next call or activation finishes it — forward, or by compensating — before doing anything else. What
/// the saga moves is not stored here: the owner rebuilds the same <see cref="PvoFinance.Ledger.SagaPlan"/> from its own state
/// and <see cref="Attempt"/>, so the record stays a few dozen bytes.
/// </summary>
[GenerateSerializer]
public sealed class SagaIntent
{
    /// <summary>The saga's id (the stem of its movement ids).</summary>
    [Id(0)] public string Id { get; set; } = "";

    /// <summary>The attempt: a refused and undone saga's keys are spent, so the owner's next try uses the next attempt.</summary>
    [Id(1)] public int Attempt { get; set; }

    /// <summary>Forward or compensating.</summary>
    [Id(2)] public SagaPhase Phase { get; set; }

    /// <summary>When compensating: the refusal that caused it, to answer with once undone.</summary>
    [Id(3)] public RejectionDto? Refusal { get; set; }
}
