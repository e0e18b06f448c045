using PvoFinance.Grains.Contracts;
using PvoFinance.Grains.Sagas;

namespace PvoFinance.Grains;

/// <summary>A transfer: its saga's intent while it runs, its outcome once final.</summary>
/// <remarks>
/// State written before the saga mechanism has only <see cref="RequestHash"/> and <see cref="Reply"/> (written once final);
/// a transfer left half-done by that version has no state at all, and its retry runs the saga with the same keys.
/// </remarks>
[GenerateSerializer]
public sealed class TransferState
{
    /// <summary>Hash of the request the id was first used with.</summary>
    [Id(0)] public string? RequestHash { get; set; }
    /// <summary>The final reply.</summary>
    [Id(1)] public TransferReply? Reply { get; set; }
    /// <summary>The open saga (null once final).</summary>
    [Id(2)] public SagaIntent? Intent { get; set; }
    /// <summary>The request of the open saga, from which its plan is rebuilt on resume.</summary>
    [Id(3)] public TransferRequest? Request { get; set; }
}
