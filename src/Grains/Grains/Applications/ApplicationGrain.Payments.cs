using PvoFinance.Applications;
using PvoFinance.Grains.Banking;

namespace PvoFinance.Grains.Applications;

/// <summary>Where the application's payments meet the treasurer's bank batches.</summary>
public sealed partial class ApplicationGrain
{
    /// <summary>
    /// A treasurer's record by hand of the next advance while an open payment batch holds it: refused, because the bank
    /// would execute the batch too and the region be paid twice. The batch's own confirmation names the advance it paid
    /// (<see cref="AdvancePayment.Number"/>) and is not judged here. Asked after the replay check and the workflow, so a
    /// retried record replays and a caller who may not pay hears that first.
    /// </summary>
    private async Task<ApplicationReply?> HeldAdvanceRefusal(Application app)
    {
        var key = PaymentBatchGrain.AdvanceKey(Id, app.AdvancesPaidCount);
        var holders = await GrainFactory.GetGrain<IPaymentBatchRegistryGrain>(0).Holders([key]);
        return holders.TryGetValue(key, out var batch)
            ? ApplicationReply.Refused(ApplicationRefusalCode.Conflict, "advance",
                $"Advance {app.AdvancesPaidCount + 1} is held in payment batch {batch}; cancel the batch, or let the bank's statement confirm it, instead of recording it by hand.")
            : null;
    }
}
