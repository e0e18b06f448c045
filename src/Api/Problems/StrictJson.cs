using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PvoFinance.Api.Problems;

/// <summary>
/// The one place where request bodies are read strictly, and where what System.Text.Json says about a body it
/// refused is turned into a field path and a reason in the domain's words (never a .NET type name).
/// </summary>
/// <remarks>
/// What a body record declares is what is accepted: a constructor parameter without a default is required (missing
/// → refused as missing), a non-nullable one may not be <c>null</c>, a member the record does not have is refused,
/// and so is the same member twice. System.Text.Json does not check the elements of lists or the values of
/// dictionaries against their nullability annotation, so <see cref="NullElementOf"/> does that after binding, for
/// the same records, with the same wording.
/// </remarks>
public static partial class StrictJson
{
    /// <summary>Deepest nesting of body records walked for null elements (bodies are at most a few levels deep).</summary>
    public const int MaxWalkDepth = 16;

    /// <summary>
    /// Makes the options strict. Nullable annotations hold both ways: what the service writes keeps the promise its
    /// view records (and so the OpenAPI document) make about null.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        // Unknown members are refused rather than ignored: a misspelt "amout" must not post a default.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // {"requested":"1.00","requested":"9999.00"}: which one the client meant is unknowable, so neither is taken.
        options.AllowDuplicateProperties = false;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        // A number is a JSON number: "2026" in quotes is text, not a year (the web defaults would read it as one).
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    /// <summary>The field (a JSON path without <c>$.</c>, <c>body</c> for the whole body) and a reason for a body System.Text.Json refused.</summary>
    public static (string Field, string Reason) Describe(JsonException json)
    {
        var field = FieldOf(json.Path);
        var message = json.Message;
        if (json is FieldFormatException)
        {
            return (field, $"'{field}' {message}");
        }
        if (Duplicate().Match(message) is { Success: true } dup)
        {
            var name = dup.Groups[1].Value;
            var at = field == "body" || field.EndsWith(name, StringComparison.Ordinal) ? field : Join(field, name);
            return (at == "body" ? name : at, $"'{name}' appears twice; send each field once.");
        }
        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var name = Quoted().Match(missing.Groups[1].Value) is { Success: true } q ? q.Groups[1].Value : missing.Groups[1].Value.Trim();
            var at = Join(field, name);
            return (at, $"'{at}' is required.");
        }
        if (NullNotAllowed().IsMatch(message))
        {
            return (field, $"'{field}' must not be null.");
        }
        if (Unmapped().Match(message) is { Success: true } unknown)
        {
            var name = unknown.Groups[1].Value;
            return (field, $"'{name}' is not a field of this request.");
        }
        if (ConvertedTo().Match(message) is { Success: true } conv)
        {
            // The reader's complaint says what the value should have been for text, numbers and true/false; the
            // type System.Text.Json names (the member's type, or for a constructor parameter the record's) for lists and objects.
            return (field, $"'{field}' {ExpectedFromReader(json.InnerException) ?? Expected(conv.Groups[1].Value)}.");
        }
        if (json.InnerException is not null || message.Contains("LineNumber", StringComparison.Ordinal) && !MentionsType(message))
        {
            // The reader's own words about broken JSON ("'}' is invalid after a value"), without the position suffix.
            var reader = PositionSuffix().Replace(message, "").Trim();
            return (field, MentionsType(reader) ? "The body is not valid JSON." : $"The body is not valid JSON: {reader}");
        }
        return (field, MentionsType(message) ? "The body is not valid JSON for this request." : $"The body is not valid JSON for this request: {message}");
    }

    /// <summary>A JSON path as the field name: <c>$.postings[0].amout</c> → <c>postings[0].amout</c>; the root → <c>body</c>.</summary>
    public static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Join(string field, string name) => field == "body" ? name : $"{field}.{name}";

    private static bool MentionsType(string text) =>
        text.Contains("System.", StringComparison.Ordinal) || text.Contains("PvoFinance.", StringComparison.Ordinal) || text.Contains('`');

    private static string? ExpectedFromReader(Exception? inner)
    {
        var m = inner?.Message ?? "";
        return m.Contains("as a string", StringComparison.Ordinal) ? "must be a text (in quotes) such as \"30000.00\" or \"2026-03-02\""
            : m.Contains("as a number", StringComparison.Ordinal) || m.Contains("Int32", StringComparison.Ordinal) || m.Contains("Int64", StringComparison.Ordinal)
                ? "must be a whole number (a JSON number, not text)"
            : m.Contains("as a boolean", StringComparison.Ordinal) ? "must be true or false"
            : null;
    }

    // What a value should have been, from the .NET type System.Text.Json names (never shown to the client).
    private static string Expected(string type)
    {
        var t = type.Trim().TrimEnd('.');
        if (t is "System.String")
        {
            return "must be a text such as \"30000.00\" or \"2026-03-02\"";
        }
        if (t is "System.Int32" or "System.Int64" or "System.Int16" or "System.Nullable`1[System.Int32]" or "System.Nullable`1[System.Int64]")
        {
            return "must be a whole number (a JSON number, not text)";
        }
        if (t is "System.Boolean" or "System.Nullable`1[System.Boolean]")
        {
            return "must be true or false";
        }
        if (t.Contains("List`1", StringComparison.Ordinal) || t.Contains("IEnumerable`1", StringComparison.Ordinal) || t.EndsWith("[]", StringComparison.Ordinal)
            || t.Contains("Collection`1", StringComparison.Ordinal))
        {
            return "must be a list [ … ]";
        }
        return "must be an object { … }";
    }

    [GeneratedRegex(@"Duplicate property '([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex Duplicate();

    [GeneratedRegex(@"missing required properties including:\s*(.+?)\.?(?:\s+Path:|$)", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"'([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    [GeneratedRegex(@"doesn't allow (?:setting )?null values|does not allow null|cannot be null", RegexOptions.CultureInvariant)]
    private static partial Regex NullNotAllowed();

    [GeneratedRegex(@"The JSON property '([^']*)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"could not be converted to (.+?)\.?(?:\s+Path:|$)", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"\s*(?:Path:.*)?\|?\s*LineNumber:.*$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex PositionSuffix();

    // ---------------------------------------------------------------------------------------------------
    // Null elements: lists and dictionaries whose element type is declared non-nullable.
    // ---------------------------------------------------------------------------------------------------

    private static readonly ConcurrentDictionary<Type, Member[]> Members = new();

    private sealed record Member(string JsonName, PropertyInfo Property, bool ElementsNonNull);

    /// <summary>
    /// The path of the first <c>null</c> inside a list or dictionary whose elements the body record declares
    /// non-nullable (e.g. <c>split[0]</c>), walking nested body records; null when there is none.
    /// </summary>
    public static string? NullElementOf(object? body) => body is null ? null : Walk(body, "", 0);

    private static string? Walk(object value, string prefix, int depth)
    {
        if (depth > MaxWalkDepth || !IsBodyRecord(value.GetType()))
        {
            return null;
        }
        foreach (var m in Members.GetOrAdd(value.GetType(), MembersOf))
        {
            var v = m.Property.GetValue(value);
            if (v is null || v is string)
            {
                continue;
            }
            var path = prefix.Length == 0 ? m.JsonName : $"{prefix}.{m.JsonName}";
            if (v is IDictionary dictionary)
            {
                foreach (DictionaryEntry e in dictionary)
                {
                    var at = $"{path}.{e.Key}";
                    if (e.Value is null)
                    {
                        if (m.ElementsNonNull)
                        {
                            return at;
                        }
                        continue;
                    }
                    if (Walk(e.Value, at, depth + 1) is { } found)
                    {
                        return found;
                    }
                }
                continue;
            }
            if (v is IEnumerable list)
            {
                var i = 0;
                foreach (var e in list)
                {
                    var at = $"{path}[{i}]";
                    if (e is null)
                    {
                        if (m.ElementsNonNull)
                        {
                            return at;
                        }
                    }
                    else if (Walk(e, at, depth + 1) is { } found)
                    {
                        return found;
                    }
                    i++;
                }
                continue;
            }
            if (Walk(v, path, depth + 1) is { } nested)
            {
                return nested;
            }
        }
        return null;
    }

    // Only the service's own records are walked (not strings, numbers or framework types).
    private static bool IsBodyRecord(Type t) => t.IsClass && t.Namespace?.StartsWith("PvoFinance", StringComparison.Ordinal) == true;

    private static Member[] MembersOf(Type type)
    {
        var context = new NullabilityInfoContext();
        var members = new List<Member>();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.GetMethod is null)
            {
                continue;
            }
            var info = context.Create(p);
            var element = info.ElementType ?? (info.GenericTypeArguments.Length switch
            {
                1 => info.GenericTypeArguments[0],
                2 => info.GenericTypeArguments[1],
                _ => null,
            });
            var name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            members.Add(new Member(name, p, element is { ReadState: NullabilityState.NotNull }));
        }
        return [.. members];
    }
}
