using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Sagas;

namespace PvoFinance.Grains.Applications;

/// <summary>
/// An application's open booking saga: its <see cref="SagaIntent"/> and what the application needs to finish it. It is
/// written in the same state write as the transition it books (the state's value is already the new one), so a decided
/// transition costs one write; it is closed lazily, by the next write, once the booking is known to be done.
/// </summary>
[GenerateSerializer]
public sealed class OpenBooking
{
    /// <summary>The saga's intent (id <c>app:&lt;id&gt;:&lt;sequence&gt;</c>, attempt, phase).</summary>
    [Id(0)] public SagaIntent Intent { get; set; } = new();

    /// <summary>The history sequence whose effects are booked.</summary>
    [Id(1)] public int Sequence { get; set; }

    /// <summary>The application as it was before the transition: put back if the booking is refused and undone.</summary>
    [Id(2)] public string PreviousJson { get; set; } = "";

    /// <summary>Who asked, for the answer kept under the idempotency key.</summary>
    [Id(3)] public ActorDto? Actor { get; set; }

    /// <summary>The request's idempotency key, if any.</summary>
    [Id(4)] public string? IdempotencyKey { get; set; }

    /// <summary>The request's fingerprint.</summary>
    [Id(5)] public string Fingerprint { get; set; } = "";

    /// <summary>When compensating: the id of the movement whose step was refused.</summary>
    [Id(6)] public string? RefusedMovement { get; set; }
}
