namespace PvoFinance.Grains.Contracts;

/// <summary>
/// A change was refused because the grain's stored state would pass its declared bound
/// (<see cref="PvoFinance.Storage.GrainStateLimits"/>). Nothing was written; the same request again is refused again,
/// so this is a permanent refusal (409), never "briefly unavailable".
/// </summary>
[GenerateSerializer]
public sealed class GrainStateTooLargeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainStateTooLargeException(string message) : base(message) { }
}
