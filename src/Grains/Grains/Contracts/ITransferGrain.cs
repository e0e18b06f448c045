namespace PvoFinance.Grains.Contracts;

/// <summary>
/// Coordinates one two-phase movement between two journals. The key is the transfer id; executing the same
/// id again resumes or replays it, so a crash or a retry at any step neither loses nor doubles money.
/// </summary>
public interface ITransferGrain : IGrainWithStringKey
{
    /// <summary>Runs (or resumes, or replays) the transfer.</summary>
    Task<TransferReply> Execute(TransferRequest request);

    /// <summary>The stored outcome, or a reply with <see cref="TransferStatus.None"/>.</summary>
    Task<TransferReply> GetStatus();
}
