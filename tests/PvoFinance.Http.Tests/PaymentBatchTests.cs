using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static PvoFinance.Http.Tests.ApplicationApi;
using static PvoFinance.Http.Tests.ApplicationTestKit;
using static PvoFinance.Http.Tests.FundingApi;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Payment batches over HTTP (issue 17, item 2): what is due, a batch made of it with its pain.001 file, the reservation
/// that keeps an item out of a second batch, cancelling, idempotency and every refusal by field. The funds are the
/// province of Zeeland's, paid by a Zeeland treasurer, so the shared service's other tests do not meet these items.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed partial class PaymentBatchTests(ServiceFixture fixture)
{
    private const string Region = "zeeland-west-brabant";
    private const string Province = "Zeeland";
    private static readonly Who Treasurer = Who.Treasurer("province:" + Province);

    [GeneratedRegex(@"^PVO\d{7}-\d{4}$")]
    private static partial Regex EndToEndPattern();

    private static JsonObject Account(string iban, string holder) => new() { ["iban"] = iban, ["holder"] = holder };

    private static JsonObject Batch(string executionDate, params string[] items) =>
        new() { ["executionDate"] = executionDate, ["items"] = new JsonArray([.. items.Select(i => (JsonNode)i)]) };

    private static Task<Reply> PostKeyed(LedgerApi api, JsonObject body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/bank/payment-batches") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(request);
    }

    // A granted application of a Zeeland fund with two advances (today and in 30 days); the fund's owner account is
    // recorded unless told otherwise, and the region's account always.
    private async Task<(string Source, string App)> GrantedAsync(string name, bool ownerAccount = true)
    {
        var officer = await fixture.As(Who.Officer(Province));
        var manager = await fixture.As(Who.Manager(Region));
        var source = await fixture.FundAsync(name, "100000.00", Province);
        var app = $"{name}-{Suffix}";
        await fixture.DraftAsync(app, Region, source, "40000.00");
        await manager.Act(app, "submit");
        await officer.Act(app, "start-review");
        await officer.Act(app, "grant", GrantWith("40000.00", (0, "10000.00"), (30, "30000.00")));
        (await manager.PutJsonAsync($"api/bank-accounts/regions/{Region}", Account("NL20INGB0001234567", "Stichting PVO Zeeland-West-Brabant"))).Expect(HttpStatusCode.OK);
        if (ownerAccount)
        {
            (await officer.PutJsonAsync($"api/bank-accounts/funding-sources/{source}", Account("NL91ABNA0417164300", "Provincie Zeeland"))).Expect(HttpStatusCode.OK);
        }
        return (source, app);
    }

    private static JsonElement? Item(JsonElement candidates, string key) =>
        candidates.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("item").GetString() == key).Select(i => (JsonElement?)i).FirstOrDefault();

    private async Task<JsonElement> CandidatesAsync(LedgerApi api, string dueBy) =>
        (await api.GetAsync($"api/bank/payment-candidates?dueBy={dueBy}")).Expect(HttpStatusCode.OK).Json;

    [Fact]
    public async Task A_due_advance_goes_into_one_batch_only_and_cancelling_releases_it()
    {
        var (source, app) = await GrantedAsync("pbt");
        var treasurer = await fixture.As(Treasurer);
        var key = $"advance:{app}:0";

        // What is due: the first advance (today), with both accounts; the second waits until the first is paid.
        var due = await CandidatesAsync(treasurer, Day(0));
        var item = Item(due, key) ?? throw new Xunit.Sdk.XunitException(due.ToString());
        Assert.Equal("advance", item.GetProperty("kind").GetString());
        Assert.Equal("10000.00", item.GetProperty("amount").GetString());
        Assert.Equal(Region, item.GetProperty("region").GetString());
        Assert.Equal("NL20INGB0001234567", item.GetProperty("creditor").GetProperty("iban").GetString());
        Assert.Equal("NL91ABNA0417164300", item.GetProperty("debtor").GetProperty("iban").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("missingBankDetails").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("inBatch").ValueKind);
        Assert.True(item.GetProperty("mayPay").GetBoolean());
        Assert.Null(Item(await CandidatesAsync(treasurer, Day(60)), $"advance:{app}:1"));

        // The batch: one payment, NbOfTxs and CtrlSum exact, the EndToEndId the statement will carry; the same key answers the same batch.
        var idem = $"pbt-{Suffix}";
        var made = (await PostKeyed(treasurer, Batch(Day(1), key), idem)).Expect(HttpStatusCode.Created).Json;
        var number = made.GetProperty("number").GetInt64();
        Assert.Equal("open", made.GetProperty("state").GetString());
        Assert.Equal(1, made.GetProperty("nbOfTxs").GetInt32());
        Assert.Equal("10000.00", made.GetProperty("ctrlSum").GetString());
        Assert.Equal(Day(1), made.GetProperty("executionDate").GetString());
        var line = made.GetProperty("lines")[0];
        Assert.Matches(EndToEndPattern(), line.GetProperty("endToEndId").GetString());
        Assert.Equal($"PVO{number:D7}-0001", line.GetProperty("endToEndId").GetString());
        Assert.Equal(key, line.GetProperty("item").GetString());
        Assert.False(line.GetProperty("confirmed").GetBoolean());
        var again = (await PostKeyed(treasurer, Batch(Day(1), key), idem)).Expect(HttpStatusCode.Created).Json;
        Assert.Equal(number, again.GetProperty("number").GetInt64());
        (await PostKeyed(treasurer, Batch(Day(2), key), idem)).ExpectProblem(HttpStatusCode.Conflict, "IdempotencyConflict", "Idempotency-Key");

        // Reserved: shown with its batch, refused in a second one.
        Assert.Equal(number, Item(await CandidatesAsync(treasurer, Day(0)), key)!.Value.GetProperty("inBatch").GetInt64());
        var refused = (await treasurer.PostJsonAsync("api/bank/payment-batches", Batch(Day(1), key))).ExpectProblem(HttpStatusCode.Conflict, "InBatch", "items[0]");
        Assert.Contains($"batch {number}", refused.GetProperty("detail").GetString());

        // Read back: the batch, its place in the list, its file.
        var read = (await treasurer.GetAsync($"api/bank/payment-batches/{number}")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(made.GetRawText(), read.GetRawText());
        var list = (await treasurer.GetAsync("api/bank/payment-batches?pageSize=100")).Expect(HttpStatusCode.OK).Json;
        var listed = list.GetProperty("batches").EnumerateArray().Single(b => b.GetProperty("number").GetInt64() == number);
        Assert.Equal("open", listed.GetProperty("state").GetString());
        Assert.Equal(0, listed.GetProperty("lines").GetArrayLength());
        var numbers = list.GetProperty("batches").EnumerateArray().Select(b => b.GetProperty("number").GetInt64()).ToList();
        Assert.Equal(numbers.OrderDescending(), numbers);
        var (status, bytes, type, _, content) = await treasurer.GetBytesAsync($"api/bank/payment-batches/{number}/pain001");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/xml", type);
        Assert.Equal($"PVO{number:D7}.xml", content.ContentDisposition?.FileName?.Trim('"'));
        Pain001Rules.Check(bytes, expectedTxs: 1, expectedSum: 10000.00m);
        Assert.Equal(bytes, (await treasurer.GetBytesAsync($"api/bank/payment-batches/{number}/pain001")).Bytes);

        // Readers in scope read it; a region outside the province does not even see it; only a treasurer cancels.
        (await (await fixture.As(Who.Manager(Region))).GetAsync($"api/bank/payment-batches/{number}")).Expect(HttpStatusCode.OK);
        (await (await fixture.As(Who.Manager("limburg"))).GetAsync($"api/bank/payment-batches/{number}")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "number");
        (await (await fixture.As(Who.Manager(Region))).PostJsonAsync($"api/bank/payment-batches/{number}/cancel", new JsonObject())).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await (await fixture.As(Who.Treasurer("province:Limburg"))).PostJsonAsync($"api/bank/payment-batches/{number}/cancel", new JsonObject())).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "number");

        // Cancelled: the item is free again and goes into a new batch; cancelling twice changes nothing.
        var cancelled = (await treasurer.PostJsonAsync($"api/bank/payment-batches/{number}/cancel", new JsonObject())).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        Assert.Equal("cancelled", (await treasurer.PostJsonAsync($"api/bank/payment-batches/{number}/cancel", new JsonObject())).Expect(HttpStatusCode.OK).Json.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, Item(await CandidatesAsync(treasurer, Day(0)), key)!.Value.GetProperty("inBatch").ValueKind);
        var second = (await treasurer.PostJsonAsync("api/bank/payment-batches", Batch(Day(0), key))).Expect(HttpStatusCode.Created).Json;
        Assert.NotEqual(number, second.GetProperty("number").GetInt64());
        (await treasurer.PostJsonAsync($"api/bank/payment-batches/{second.GetProperty("number").GetInt64()}/cancel", new JsonObject())).Expect(HttpStatusCode.OK);

        // Paid by hand: the item is never due again, whichever batch or key asks for it.
        await treasurer.Act(app, "pay-advance", Amount("10000.00", "bank"));
        Assert.Null(Item(await CandidatesAsync(treasurer, Day(0)), key));
        (await treasurer.PostJsonAsync("api/bank/payment-batches", Batch(Day(1), key))).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "items[0]");
        // The next advance is offered from its date on.
        Assert.Equal("30000.00", Item(await CandidatesAsync(treasurer, Day(30)), $"advance:{app}:1")!.Value.GetProperty("amount").GetString());
        _ = source;
    }

    [Fact]
    public async Task Missing_bank_details_are_shown_with_where_to_record_them_and_refused_in_a_batch()
    {
        var (source, app) = await GrantedAsync("pbm", ownerAccount: false);
        var treasurer = await fixture.As(Treasurer);
        var key = $"advance:{app}:0";
        var item = Item(await CandidatesAsync(treasurer, Day(0)), key)!.Value;
        Assert.Equal(JsonValueKind.Null, item.GetProperty("debtor").ValueKind);
        Assert.Contains($"owner.{source}", item.GetProperty("missingBankDetails").GetString());
        var missing = item.GetProperty("missing")[0];
        Assert.Equal("debtor", missing.GetProperty("role").GetString());
        Assert.Equal($"/api/bank-accounts/funding-sources/{source}", missing.GetProperty("record").GetString());
        (await treasurer.PostJsonAsync("api/bank/payment-batches", Batch(Day(1), key))).ExpectProblem(HttpStatusCode.Conflict, "MissingBankDetails", "items[0]");
    }

    [Fact]
    public async Task A_commitment_to_a_region_is_due_and_all_due_items_go_in_one_batch()
    {
        var officer = await fixture.As(Who.Officer(Province));
        var treasurer = await fixture.As(Treasurer);
        var year = int.Parse(ThisYear, CultureInfo.InvariantCulture);
        var source = await fixture.FundAsync("pbc", "500000.00", Province);
        (await officer.PutJsonAsync($"api/bank-accounts/funding-sources/{source}", Account("NL02ABNA0123456789", "Provincie Zeeland, Afdeling Veiligheid & Zorg"))).Expect(HttpStatusCode.OK);
        (await (await fixture.As(Who.Manager(Region))).PutJsonAsync($"api/bank-accounts/regions/{Region}", Account("NL20INGB0001234567", "Stichting PVO Zeeland-West-Brabant"))).Expect(HttpStatusCode.OK);
        (await officer.PostJsonAsync($"api/funding-sources/{source}/commitments", Commitment($"c-{Suffix}", Region, (year, "123456.78")))).Expect(HttpStatusCode.OK);
        var key = $"commitment:{source}:{Region}:{year}:0";
        var item = Item(await CandidatesAsync(treasurer, Day(0)), key) ?? throw new Xunit.Sdk.XunitException("no commitment item");
        Assert.Equal("123456.78", item.GetProperty("amount").GetString());
        Assert.Equal("commitment", item.GetProperty("kind").GetString());

        // Everything due that this treasurer can pay, in one batch; a second such batch finds nothing left.
        var body = new JsonObject { ["executionDate"] = Day(0), ["dueBy"] = Day(0) };
        var made = (await treasurer.PostJsonAsync("api/bank/payment-batches", body)).Expect(HttpStatusCode.Created).Json;
        var number = made.GetProperty("number").GetInt64();
        Assert.Contains(made.GetProperty("lines").EnumerateArray(), l => l.GetProperty("item").GetString() == key);
        var lines = made.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(lines.Count, made.GetProperty("nbOfTxs").GetInt32());
        Assert.Equal(lines.Sum(l => Dec(l.GetProperty("amount").GetString()!)), Dec(made.GetProperty("ctrlSum").GetString()!));
        var bytes = (await treasurer.GetBytesAsync($"api/bank/payment-batches/{number}/pain001")).Bytes;
        Pain001Rules.Check(bytes, lines.Count, lines.Sum(l => Dec(l.GetProperty("amount").GetString()!)));
        Assert.Contains("Veiligheid + Zorg", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        (await treasurer.PostJsonAsync("api/bank/payment-batches", body)).ExpectProblem(HttpStatusCode.Conflict, "NothingDue", "dueBy");
        (await treasurer.PostJsonAsync($"api/bank/payment-batches/{number}/cancel", new JsonObject())).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field_never_a_500()
    {
        var treasurer = await fixture.As(Treasurer);
        const string Path = "api/bank/payment-batches";
        (await treasurer.PostJsonAsync(Path, Batch(Day(-1), "advance:x:0"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "executionDate");
        (await treasurer.PostJsonAsync(Path, Batch("2026-02-30", "advance:x:0"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "executionDate");
        (await treasurer.PostJsonAsync(Path, Batch(Day(400), "advance:x:0"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "executionDate");
        (await treasurer.PostJsonAsync(Path, new JsonObject { ["items"] = new JsonArray("a") })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "executionDate");
        (await treasurer.PostJsonAsync(Path, Batch(Day(1)))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "items");
        (await treasurer.PostJsonAsync(Path, new JsonObject { ["executionDate"] = Day(1) })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "items");
        (await treasurer.PostJsonAsync(Path, new JsonObject { ["executionDate"] = Day(1), ["items"] = new JsonArray("a"), ["dueBy"] = Day(0) })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "items");
        (await treasurer.PostJsonAsync(Path, new JsonObject { ["executionDate"] = Day(1), ["dueBy"] = Day(2) })).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "dueBy");
        (await treasurer.PostJsonAsync(Path, Batch(Day(1), [.. Enumerable.Range(0, 1001).Select(i => $"advance:x{i}:0")]))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "items");
        (await treasurer.PostJsonAsync(Path, Batch(Day(1), "a", "a"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "items[1]");
        (await treasurer.PostJsonAsync(Path, Batch(Day(1), new string('x', 121)))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "items[0]");
        (await treasurer.PostJsonAsync(Path, Batch(Day(1), $"advance:nothing-{Suffix}:0"))).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "items[0]");
        (await PostKeyed(treasurer, Batch(Day(1), "a"), new string('k', 201))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "Idempotency-Key");
        (await treasurer.PostRawAsync(Path, "{\"executionDate\":")).Expect(HttpStatusCode.BadRequest);
        (await treasurer.PostRawAsync(Path, "[1,2]")).Expect(HttpStatusCode.BadRequest);
        (await (await fixture.As(Who.Manager(Region))).PostJsonAsync(Path, Batch(Day(1), "a"))).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");
        (await (await fixture.As(Who.Ministry)).PostJsonAsync(Path, Batch(Day(1), "a"))).ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "scope");

        foreach (var bad in new[] { "0", "-1", "abc", "99999999", "1e3", "%20" })
        {
            (await treasurer.GetAsync($"{Path}/{bad}")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "number");
            (await treasurer.GetAsync($"{Path}/{bad}/pain001")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "number");
            (await treasurer.PostJsonAsync($"{Path}/{bad}/cancel", new JsonObject())).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "number");
        }
        (await treasurer.GetAsync($"{Path}/9999999")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "number");
        (await treasurer.GetAsync($"{Path}?pageSize=0")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "pageSize");
        (await treasurer.GetAsync($"{Path}?pageSize=101")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "pageSize");
        (await treasurer.GetAsync($"{Path}?before=x")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "before");
        (await treasurer.GetAsync("api/bank/payment-candidates?dueBy=tomorrow")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "dueBy");
        (await (await fixture.As(Who.Anonymous)).GetAsync(Path)).Expect(HttpStatusCode.Unauthorized);
    }
}
