using PvoFinance.Grains.Contracts;

namespace PvoFinance.Grains;

/// <summary>The durable outcome of a transfer, written once it is final.</summary>
[GenerateSerializer]
public sealed class TransferState
{
    /// <summary>Hash of the request the id was first used with.</summary>
    [Id(0)] public string? RequestHash { get; set; }
    /// <summary>The final reply.</summary>
    [Id(1)] public TransferReply? Reply { get; set; }
}
