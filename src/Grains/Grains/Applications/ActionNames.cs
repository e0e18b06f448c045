using System.Text;
using PvoFinance.Applications;

namespace PvoFinance.Grains.Applications;

/// <summary>The kebab-case action names of the triggers in URLs (<c>Grant</c> → <c>grant</c>, <c>PayAdvance</c> → <c>pay-advance</c>).</summary>
public static class ActionNames
{
    private static readonly Dictionary<string, ApplicationTrigger> ByName =
        Enum.GetValues<ApplicationTrigger>().Where(ApplicationWorkflow.IsAction).ToDictionary(Of, t => t, StringComparer.Ordinal);

    /// <summary>The action name of a trigger.</summary>
    public static string Of(ApplicationTrigger trigger)
    {
        var name = trigger.ToString();
        var b = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                b.Append('-');
            }
            b.Append(char.ToLowerInvariant(name[i]));
        }
        return b.ToString();
    }

    /// <summary>The trigger of an action name; false when there is none (also for a trigger that is no action, <see cref="ApplicationWorkflow.IsAction"/>).</summary>
    public static bool TryParse(string? action, out ApplicationTrigger trigger) => ByName.TryGetValue(action ?? "", out trigger);

    /// <summary>Every action name.</summary>
    public static IReadOnlyCollection<string> All => ByName.Keys;
}
