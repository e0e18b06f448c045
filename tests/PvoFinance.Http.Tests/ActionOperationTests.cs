using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// The OpenAPI document says what the service really accepts: every workflow trigger is an operation of its own
/// with a request schema and an example; the example is read (not refused as malformed), and leaving out any
/// member the schema calls required is refused naming that member. And the API reference page is served, offline.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed partial class ActionOperationTests(ServiceFixture fixture)
{
    /// <summary>
    /// The workflow's triggers as action names, read from the enum's source (the tests do not reference the
    /// service's assemblies), so a trigger added there without an operation fails here. Except the triggers a person
    /// does not ask for (<see cref="NotActions"/>): their operation is another (checked below).
    /// </summary>
    private static string[] Actions()
    {
        var source = File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "src", "Core", "Applications", "ApplicationTrigger.cs"));
        var names = Member().Matches(source).Select(m => Kebab().Replace(m.Groups[1].Value, "$1-$2").ToLowerInvariant()).ToArray();
        Assert.True(names.Length >= 19, $"Read only {names.Length} triggers from ApplicationTrigger.cs.");
        foreach (var (action, _) in NotActions)
        {
            Assert.Contains(action, names);
        }
        return [.. names.Where(n => !NotActions.Any(x => x.Action == n))];
    }

    /// <summary>Triggers that are no action (ApplicationWorkflow.IsAction), and the operation that fires them.</summary>
    private static readonly (string Action, string Path)[] NotActions = [("record-document", "/api/applications/{id}/documents")];

    [GeneratedRegex(@"^\s{4}([A-Z][A-Za-z0-9]*),?\s*$", RegexOptions.Multiline)]
    private static partial Regex Member();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Kebab();

    private async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse((await fixture.Api.GetAsync("openapi/v1.json")).Expect(HttpStatusCode.OK).Text)!.AsObject();

    /// <summary>The request body schema of an action (through <c>$ref</c>, or the non-null branch of a <c>oneOf</c>).</summary>
    private static JsonObject BodySchema(JsonObject document, string action)
    {
        var operation = document["paths"]?[$"/api/applications/{{id}}/{action}"]?["post"];
        Assert.True(operation is not null, $"The OpenAPI document has no operation POST /api/applications/{{id}}/{action}.");
        var schema = operation!["requestBody"]?["content"]?["application/json"]?["schema"];
        Assert.True(schema is not null, $"POST /api/applications/{{id}}/{action} has no JSON request schema.");
        if (schema!["oneOf"] is JsonArray oneOf)
        {
            schema = oneOf.First(s => s?["$ref"] is not null);
        }
        return Resolve(document, schema!.AsObject());
    }

    private static JsonObject Resolve(JsonObject document, JsonObject schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!.AsObject()
            : schema;

    private static string[] Required(JsonObject schema) =>
        schema["required"] is JsonArray required ? [.. required.Select(r => r!.GetValue<string>())] : [];

    [Fact]
    public async Task Every_workflow_trigger_is_an_operation_with_a_request_schema_and_an_example()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!.AsObject();
        Assert.False(paths.ContainsKey("/api/applications/{id}/{action}"), "The one operation for every action is still in the document.");
        foreach (var (action, path) in NotActions)
        {
            Assert.False(paths.ContainsKey($"/api/applications/{{id}}/{action}"), $"'{action}' is no action, yet has one.");
            Assert.True(paths[path]?["post"] is not null, $"'{action}' is fired by POST {path}, which the document lacks.");
        }
        foreach (var action in Actions())
        {
            var schema = BodySchema(document, action);
            Assert.True(schema["examples"] is JsonArray { Count: > 0 }, $"The body schema of '{action}' has no example.");
            Assert.Equal("object", schema["type"]?.GetValue<string>());
            Assert.False(schema["additionalProperties"]?.GetValue<bool>() ?? true, $"The body schema of '{action}' does not say unknown members are refused.");
            var responses = document["paths"]![$"/api/applications/{{id}}/{action}"]!["post"]!["responses"]!.AsObject();
            foreach (var status in new[] { "200", "400", "403", "404", "409", "422", "503" })
            {
                Assert.True(responses.ContainsKey(status), $"'{action}' does not list the answer {status}.");
            }
        }
        // Amounts and dates say their form.
        var grant = BodySchema(document, "grant");
        Assert.Equal(@"^-?[0-9]{1,15}(\.[0-9]{1,2})?$", grant["properties"]!["amount"]!["pattern"]!.GetValue<string>());
        Assert.Equal("date", grant["properties"]!["endDate"]!["format"]!.GetValue<string>());
        Assert.Equal<string>(["amount", "endDate"], Required(grant));
    }

    [Fact]
    public async Task Each_action_reads_its_example_and_names_every_missing_required_member()
    {
        var document = await DocumentAsync();
        // A draft, acted on by its fund's owner: the owner's actions meet the wrong state (409) and the applicant's
        // the wrong role (403), both decided after the body was read — so a 400 here is a body the schema promised.
        var fund = await fixture.FundAsync("ops", "1000000.00");
        var app = $"ops-{Suffix}";
        await fixture.DraftAsync(app, "limburg", fund, "40000.00");
        var officer = await fixture.As(Who.Officer("Limburg"));
        var before = (await officer.GetAsync($"api/applications/{app}")).Expect(HttpStatusCode.OK).Text;
        var wrong = new List<string>();
        foreach (var action in Actions())
        {
            var schema = BodySchema(document, action);
            var example = schema["examples"]![0]!.AsObject();
            var path = $"api/applications/{app}/{action}";
            var reply = await officer.PostJsonAsync(path, example.DeepClone());
            if (reply.Status is not (HttpStatusCode.OK or HttpStatusCode.Forbidden or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity))
            {
                wrong.Add($"{action}: its example answered {(int)reply.Status}: {reply.Text}");
            }
            foreach (var name in Required(schema))
            {
                var body = example.DeepClone().AsObject();
                Assert.True(body.Remove(name), $"The example of '{action}' lacks its required member '{name}'.");
                Expect(await officer.PostJsonAsync(path, body), action, name);
            }
            // Members of list elements: advances[0].due and the like.
            foreach (var (name, value) in example)
            {
                if (value is JsonArray { Count: > 0 } list && list[0] is JsonObject
                    && schema["properties"]?[name]?["items"] is JsonObject items)
                {
                    foreach (var inner in Required(Resolve(document, items)))
                    {
                        var body = example.DeepClone().AsObject();
                        body[name]![0]!.AsObject().Remove(inner);
                        Expect(await officer.PostJsonAsync(path, body), action, $"{name}[0].{inner}");
                    }
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(before, (await officer.GetAsync($"api/applications/{app}")).Expect(HttpStatusCode.OK).Text);

        void Expect(Reply reply, string action, string field)
        {
            if (reply.Status != HttpStatusCode.BadRequest || !reply.Text.Contains($"\"field\":\"{field}\"", StringComparison.Ordinal)
                || !reply.Text.Contains("required", StringComparison.Ordinal))
            {
                wrong.Add($"{action} without '{field}': expected 400 naming '{field}' as required, got {(int)reply.Status}: {reply.Text}");
            }
        }
    }

    [Fact]
    public async Task An_address_that_names_no_action_is_a_404_problem_listing_the_actions()
    {
        var problem = (await (await fixture.As(Who.Officer("Limburg"))).PostJsonAsync("api/applications/whatever/frobnicate", new JsonObject()))
            .ExpectProblem(HttpStatusCode.NotFound, "NotFound", "action");
        Assert.Contains("grant", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_reference_is_served_from_the_service_itself()
    {
        using var http = new HttpClient { BaseAddress = fixture.Service.BaseAddress };
        using var page = await http.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        // Offline: no script, style or font from elsewhere; the script it loads is served here.
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        var script = ScriptSource().Match(html);
        Assert.True(script.Success, html);
        using var js = await http.GetAsync(new Uri(new Uri(fixture.Service.BaseAddress, "/scalar/v1"), script.Groups[1].Value));
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Contains("javascript", js.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.True((await js.Content.ReadAsByteArrayAsync()).Length > 100_000, "The reference's script is not the bundle.");
        // And the pages link to it.
        var landing = await http.GetStringAsync("/");
        Assert.Contains("/scalar/v1", landing, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
