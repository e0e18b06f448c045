namespace PvoFinance.Storage;

/// <summary>
/// A successful answer kept for its idempotency key in the history rows, so that every key of an application answers
/// again as the first time however long ago it was used (the state keeps only the newest answers, and a short hash of
/// every key to know when to look here).
/// </summary>
/// <param name="Key">The idempotency key.</param>
/// <param name="Fingerprint">The request's fingerprint (user, action and canonical body).</param>
/// <param name="Sequence">The last history sequence the answer showed.</param>
/// <param name="Status">The answer's status.</param>
/// <param name="Json">The answer's view with an empty history.</param>
/// <param name="Window">How many of the newest entries up to <paramref name="Sequence"/> the answer showed.</param>
public sealed record StoredReply(string Key, string Fingerprint, int Sequence, int Status, string Json, int Window);
