using System.Text.RegularExpressions;
using Orleans.Hosting.Kubernetes;

namespace PvoFinance.Infra.Tests;

/// <summary>
/// The environment variables the service reads: its own settings as its source names them (configuration keys
/// <c>PvoFinance:…</c>, <c>OTEL_…</c>, environment variables), the ASP.NET Core settings the host and the JWT bearer
/// handler bind, and what Orleans' Kubernetes hosting reads (its own constants). A deployment that sets anything
/// else sets a name nobody reads — a renamed or misspelt setting.
/// </summary>
public static partial class ServiceSettings
{
    /// <summary>Read by ASP.NET Core itself: the host (environment, ports) and the JWT bearer options bound from <c>Authentication:Schemes:Bearer</c>.</summary>
    private static readonly string[] AspNetCore =
    [
        "ASPNETCORE_ENVIRONMENT",
        "ASPNETCORE_HTTP_PORTS",
        "Authentication__Schemes__Bearer__Authority",
        "Authentication__Schemes__Bearer__ValidIssuer",
        "Authentication__Schemes__Bearer__RequireHttpsMetadata",
    ];

    /// <summary>Every name the service reads, as environment variables (<c>:</c> written <c>__</c>).</summary>
    public static IReadOnlySet<string> Read { get; } = Collect();

    /// <summary>The names in <paramref name="names"/> that the service does not read.</summary>
    public static string[] Unread(IEnumerable<string> names) =>
        [.. names.Where(n => !Read.Contains(n) && !AudienceIndex().IsMatch(n)).Order(StringComparer.Ordinal)];

    /// <summary>What every production deployment must set (membership in Azure Table storage, real storage, a token issuer).</summary>
    public static readonly string[] RequiredInProduction =
    [
        "PvoFinance__Storage__ConnectionString",
        "PvoFinance__Cluster__Mode",
        "PvoFinance__Cluster__ClusterId",
        "PvoFinance__Cluster__ServiceId",
        "Authentication__Schemes__Bearer__Authority",
        "Authentication__Schemes__Bearer__ValidAudiences__0",
    ];

    private static HashSet<string> Collect()
    {
        var names = new HashSet<string>(AspNetCore, StringComparer.Ordinal);
        foreach (var file in InfraFiles.Files("src", ".cs").Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in ConfigurationKey().Matches(text))
            {
                names.Add(m.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal));
            }
            foreach (Match m in EnvironmentName().Matches(text))
            {
                names.Add(m.Groups[1].Value);
            }
        }
        // Orleans' Kubernetes hosting reads these (the pod's name, namespace and IP; optional cluster and service ids).
        foreach (var field in typeof(KubernetesHostingOptions).GetFields().Where(f => f.IsLiteral && f.Name.EndsWith("EnvironmentVariable", StringComparison.Ordinal)))
        {
            names.Add((string)field.GetRawConstantValue()!);
        }
        return names;
    }

    // "PvoFinance:Section:Key" anywhere in the source: every setting of our own is read by such a literal.
    [GeneratedRegex("\"(PvoFinance(?::[A-Za-z]+)+)\"")]
    private static partial Regex ConfigurationKey();

    // Configuration["OTEL_…"] and Environment.GetEnvironmentVariable("…").
    [GeneratedRegex("(?:[Cc]onfiguration\\[|GetEnvironmentVariable\\()\"([A-Z][A-Z0-9_]+)\"")]
    private static partial Regex EnvironmentName();

    // ValidAudiences is a list: ValidAudiences__0, __1, ….
    [GeneratedRegex("^Authentication__Schemes__Bearer__ValidAudiences__[0-9]+$")]
    private static partial Regex AudienceIndex();
}
