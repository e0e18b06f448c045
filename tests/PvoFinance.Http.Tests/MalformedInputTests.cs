using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PvoFinance.Http.Tests;

/// <summary>Every malformed request is a problem document naming the field, never a 5xx, and changes nothing.</summary>
[Collection(ServiceCollection.Name)]
public sealed class MalformedInputTests(ServiceFixture fixture)
{
    private const string Journal = "source.bad.2026";
    private const string Entries = $"api/ledger/journals/{Journal}/entries";

    /// <summary>Opens the journal (idempotent, so each test may call it) and returns its visible state.</summary>
    private async Task<string> OpenAsync()
    {
        var reply = await fixture.Api.PostEntryAsync(Journal, "post", "open", "2026-01-01", ("appropriation:bad:2026", "100.00"), ("budget:bad:2026", "-100.00"));
        Assert.True(reply.Status is HttpStatusCode.Created or HttpStatusCode.OK, reply.Describe());
        return await fixture.Api.StateAsync(Journal);
    }

    [Theory]
    [InlineData("1.234")]
    [InlineData("1e3")]
    [InlineData("12,50")]
    [InlineData("")]
    [InlineData("\u0661\u0662")] // Arabic-Indic digits "١٢"
    [InlineData("+5.00")]
    [InlineData(" 5.00")]
    public async Task Malformed_amount_is_400_naming_the_amount(string amount)
    {
        var before = await OpenAsync();
        var reply = await fixture.Api.PostEntryAsync(Journal, "post", "bad-amount", "2026-02-01", ("budget:bad:2026", amount), ("region:bad:funds", "-5.00"));
        reply.ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "postings[0].amount");
        Assert.Equal(before, await fixture.Api.StateAsync(Journal));
    }

    [Fact]
    public async Task Amount_as_a_JSON_number_is_400_naming_the_amount()
    {
        var before = await OpenAsync();
        var body = """{"kind":"post","key":"number-amount","valueDate":"2026-02-01","postings":[{"account":"budget:bad:2026","amount":"5.00"},{"account":"region:bad:funds","amount":-5.00}]}""";
        var reply = await fixture.Api.PostRawAsync(Entries, body);
        reply.ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "postings[1].amount");
        Assert.Equal(before, await fixture.Api.StateAsync(Journal));
    }

    [Fact]
    public async Task Unknown_account_kind_is_400_naming_the_account()
    {
        var before = await OpenAsync();
        var reply = await fixture.Api.PostEntryAsync(Journal, "post", "bad-kind", "2026-02-01", ("budget:bad:2026", "5.00"), ("salary:bad:x", "-5.00"));
        var problem = reply.ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "postings[1].account");
        Assert.Contains("salary", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await fixture.Api.StateAsync(Journal));
    }

    [Fact]
    public async Task Unbalanced_postings_are_422_and_the_key_stays_free()
    {
        var before = await OpenAsync();
        var reply = await fixture.Api.PostEntryAsync(Journal, "post", "unbalanced", "2026-02-01", ("budget:bad:2026", "5.00"), ("region:bad:funds", "-4.99"));
        var problem = reply.ExpectProblem(HttpStatusCode.UnprocessableEntity, "Unbalanced", "postings");
        Assert.Contains("0.01", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await fixture.Api.StateAsync(Journal));

        // A refused command leaves no trace, so its key may be used again, now balanced (in a journal of its own,
        // so the other tests here still see the state they expect).
        const string other = "source.bad-retry.2026";
        (await fixture.Api.PostEntryAsync(other, "post", "unbalanced", "2026-02-01", ("budget:bad:2026", "5.00"), ("region:bad:funds", "-4.99")))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "Unbalanced", "postings");
        var retried = (await fixture.Api.PostEntryAsync(other, "post", "unbalanced", "2026-02-01", ("appropriation:bad:2026", "5.00"), ("region:bad:funds", "-5.00")))
            .Expect(HttpStatusCode.Created).Json;
        Assert.Equal(1, retried.GetProperty("entry").GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task Missing_key_is_400_naming_the_key()
    {
        var before = await OpenAsync();
        var body = LedgerApi.Entry("post", "x", "2026-02-01", ("budget:bad:2026", "5.00"), ("region:bad:funds", "-5.00"));
        body.Remove("key");
        var reply = await fixture.Api.PostJsonAsync(Entries, body);
        reply.ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "key");
        Assert.Equal(before, await fixture.Api.StateAsync(Journal));
    }

    [Fact]
    public async Task Invalid_journal_id_is_400_naming_the_journal()
    {
        var before = await OpenAsync();
        var body = LedgerApi.Entry("post", "bad-journal", "2026-02-01", ("budget:bad:2026", "5.00"), ("region:bad:funds", "-5.00"));
        (await fixture.Api.PostJsonAsync("api/ledger/journals/Bad%20Id/entries", body)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "journalId");
        (await fixture.Api.GetAsync("api/ledger/journals/Bad%20Id/balances")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "journalId");
        Assert.Equal(before, await fixture.Api.StateAsync(Journal));
    }

    [Fact]
    public async Task Unknown_json_member_is_a_400_problem_naming_the_member()
    {
        var before = await OpenAsync();
        var body = """{"kind":"post","key":"typo","valueDate":"2026-02-01","postings":[{"account":"budget:bad:2026","amout":"5.00"},{"account":"region:bad:funds","amount":"-5.00"}]}""";
        var reply = await fixture.Api.PostRawAsync(Entries, body);
        Assert.True((int)reply.Status < 500, reply.Describe());
        var problem = reply.ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "postings[0].amout");
        Assert.Contains("amout", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await fixture.Api.StateAsync(Journal));
        Assert.Empty(await fixture.Api.EntriesAsync(Journal, "?after=1"));
    }

    [Theory]
    [InlineData("""{"kind":"post","key":""", "key")]
    [InlineData("""{"kind":"post",,}""", "body")]
    [InlineData("""not json""", "body")]
    [InlineData("""[]""", "body")]
    public async Task Broken_json_is_a_400_problem_not_a_5xx(string body, string field)
    {
        var before = await OpenAsync();
        var reply = await fixture.Api.PostRawAsync(Entries, body);
        Assert.True((int)reply.Status < 500, reply.Describe());
        reply.ExpectProblem(HttpStatusCode.BadRequest, "Invalid", field);
        Assert.Equal(before, await fixture.Api.StateAsync(Journal));
    }

    [Fact]
    public async Task Body_without_a_json_content_type_is_a_415_problem()
    {
        var before = await OpenAsync();
        using var plain = new HttpRequestMessage(HttpMethod.Post, Entries)
        {
            Content = new StringContent("""{"kind":"post"}""", System.Text.Encoding.UTF8, "text/plain"),
        };
        var reply = (await fixture.Api.SendAsync(plain)).Expect(HttpStatusCode.UnsupportedMediaType);
        Assert.True(reply.ContentType == "application/problem+json", reply.Describe());
        Assert.Equal(415, reply.Json.GetProperty("status").GetInt32());

        // Without any Content-Type the endpoint is reached and the binder refuses the body.
        using var bare = new HttpRequestMessage(HttpMethod.Post, Entries) { Content = new ByteArrayContent("""{"kind":"post"}"""u8.ToArray()) };
        (await fixture.Api.SendAsync(bare)).ExpectProblem(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", "Content-Type");
        Assert.Equal(before, await fixture.Api.StateAsync(Journal));
    }

    [Fact]
    public async Task Wrong_entry_kind_is_400_naming_the_kind()
    {
        var before = await OpenAsync();
        var reply = await fixture.Api.PostEntryAsync(Journal, "transfer", "wrong-kind", "2026-02-01", ("budget:bad:2026", "5.00"), ("region:bad:funds", "-5.00"));
        var problem = reply.ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "kind");
        Assert.Contains("reserve", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await fixture.Api.StateAsync(Journal));
    }

    [Theory]
    [InlineData("?asOf=2026-13-01", "asOf")]
    [InlineData("?asOf=2026-02-30", "asOf")]
    [InlineData("?asOf=01-02-2026", "asOf")]
    [InlineData("?asOf=2026-02-01&knownAt=yesterday", "knownAt")]
    [InlineData("?knownAt=2026-02-01T00:00:00Z", "knownAt")]
    public async Task Bad_balance_query_is_400_naming_the_parameter(string query, string field)
    {
        await OpenAsync();
        (await fixture.Api.GetAsync($"api/ledger/journals/{Journal}/balances{query}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", field);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?after=-1", "after")]
    [InlineData("?limit=abc", "limit")]
    public async Task Bad_paging_is_400_naming_the_parameter(string query, string field)
    {
        await OpenAsync();
        (await fixture.Api.GetAsync($"{Entries}{query}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", field);
    }

    [Fact]
    public async Task Problem_documents_list_the_field_under_errors()
    {
        await OpenAsync();
        var problem = (await fixture.Api.GetAsync($"{Entries}?limit=0")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "limit");
        var errors = problem.GetProperty("errors").GetProperty("limit");
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        Assert.Equal(problem.GetProperty("detail").GetString(), errors[0].GetString());
    }
}
