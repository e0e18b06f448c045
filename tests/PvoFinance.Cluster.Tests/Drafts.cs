using PvoFinance.Applications;
using PvoFinance.Grains.Applications;

namespace PvoFinance.Cluster.Tests;

/// <summary>New drafts as the API hands them to the application grain: the content read as the core's types.</summary>
internal static class Drafts
{
    /// <summary>A draft of <paramref name="requested"/> (exact text, e.g. <c>"30000.00"</c>) all from <paramref name="source"/>.</summary>
    public static CreateApplicationDto Of(string region, string source, string title, string requested) =>
        new(region, source, new DraftContent(title, Money.Parse(requested)));
}
