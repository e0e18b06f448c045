using System.Text.Json;

namespace PvoFinance.Http.Tests.Fuzz;

/// <summary>A parameter of an operation as the OpenAPI document declares it.</summary>
public sealed record ApiParameter(string Name, string In, JsonElement Schema, bool Required);

/// <summary>One path × method of the OpenAPI document, with its parameters and the first media type of its request body.</summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<ApiParameter> Parameters, string? BodyMediaType, JsonElement? BodySchema)
{
    /// <summary><c>METHOD /path</c>, as the access matrix names operations.</summary>
    public string Key => $"{Method} {Path}";

    /// <summary>True for methods that may change something.</summary>
    public bool Writes => Method is not ("GET" or "HEAD" or "OPTIONS");

    /// <summary>The path's parameters, in the order they appear in the path.</summary>
    public IEnumerable<ApiParameter> PathParameters => Parameters.Where(p => p.In == "path");

    /// <summary>The query parameters.</summary>
    public IEnumerable<ApiParameter> QueryParameters => Parameters.Where(p => p.In == "query");
}

/// <summary>
/// The served OpenAPI document read generically: its operations and a resolver for <c>$ref</c> and nullable
/// <c>oneOf</c> wrappers. Nothing here knows this API's paths, so the fuzzer follows the document as it changes.
/// </summary>
public sealed class OpenApiOperations
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private const int MaxRefDepth = 32;

    private readonly JsonElement _root;

    public OpenApiOperations(JsonElement root)
    {
        _root = root.Clone();
        var operations = new List<ApiOperation>();
        foreach (var path in _root.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var p) ? Parameters(p) : [];
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                var op = method.Value;
                var parameters = shared.Concat(op.TryGetProperty("parameters", out var own) ? Parameters(own) : []).ToList();
                string? media = null;
                JsonElement? schema = null;
                if (op.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content))
                {
                    // JSON first when the body takes several media types: it is what clients send.
                    var chosen = content.EnumerateObject().OrderBy(c => c.Name.Contains("json", StringComparison.Ordinal) ? 0 : 1).FirstOrDefault();
                    if (chosen.Value.ValueKind == JsonValueKind.Object)
                    {
                        media = chosen.Name;
                        schema = chosen.Value.TryGetProperty("schema", out var s) ? s : null;
                    }
                }
                operations.Add(new ApiOperation(method.Name.ToUpperInvariant(), path.Name, parameters, media, schema));
            }
        }
        Operations = operations;
    }

    /// <summary>Every operation of the document, in document order.</summary>
    public IReadOnlyList<ApiOperation> Operations { get; }

    /// <summary>
    /// The schema behind <c>$ref</c>s and behind a <c>oneOf</c>/<c>anyOf</c> whose other choices are only <c>null</c>
    /// (how .NET writes a nullable reference); other schemas as they are.
    /// </summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var i = 0; i < MaxRefDepth; i++)
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                return schema;
            }
            if (schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } target && target.StartsWith("#/", StringComparison.Ordinal))
            {
                var node = _root;
                foreach (var part in target[2..].Split('/'))
                {
                    if (!node.TryGetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out node))
                    {
                        return default;
                    }
                }
                schema = node;
                continue;
            }
            if (Choice(schema) is { } chosen)
            {
                schema = chosen;
                continue;
            }
            return schema;
        }
        return schema;
    }

    /// <summary>The schema's types other than <c>null</c> (<c>type</c> may be one name or a list).</summary>
    public static IReadOnlyList<string> Types(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out _) ? ["object"] : [];
        }
        return type.ValueKind == JsonValueKind.Array
            ? [.. type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null")]
            : type.GetString() is { } one && one != "null" ? [one] : [];
    }

    /// <summary>A string keyword of a schema (<c>format</c>, <c>pattern</c>), or null.</summary>
    public static string? Keyword(JsonElement schema, string name) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The names the schema lists as required.</summary>
    public static IReadOnlyList<string> Required(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? [.. r.EnumerateArray().Select(n => n.GetString()!)]
            : [];

    /// <summary>The first choice of a <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c> that is not only <c>null</c>, or null when there is none.</summary>
    private static JsonElement? Choice(JsonElement schema)
    {
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var choices) && choices.ValueKind == JsonValueKind.Array
                && choices.EnumerateArray().Where(c => !IsNullOnly(c)).Take(1).ToList() is [var real])
            {
                return real;
            }
        }
        return null;
    }

    private static bool IsNullOnly(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";

    private static List<ApiParameter> Parameters(JsonElement list) =>
    [
        .. list.EnumerateArray().Where(p => p.TryGetProperty("name", out _) && p.TryGetProperty("in", out _)).Select(p => new ApiParameter(
            p.GetProperty("name").GetString()!,
            p.GetProperty("in").GetString()!,
            p.TryGetProperty("schema", out var s) ? s : default,
            p.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True)),
    ];
}
