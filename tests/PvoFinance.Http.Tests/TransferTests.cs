using System.Net;
using System.Text.Json.Nodes;

namespace PvoFinance.Http.Tests;

/// <summary>Two-phase movements between journals, idempotent per transfer id.</summary>
[Collection(ServiceCollection.Name)]
public sealed class TransferTests(ServiceFixture fixture)
{
    private const string Source = "source.tr.2026";
    private const string Region = "region.tr";
    private const string Budget = "budget:tr:2026";
    private const string Funds = "region:tr:funds";
    private const string SourceClearing = "clearing:" + Region;   // in the source journal
    private const string RegionClearing = "clearing:" + Source;   // in the region journal

    private static JsonObject Transfer(string amount) => new()
    {
        ["fromJournal"] = Source,
        ["debitAccount"] = Budget,
        ["toJournal"] = Region,
        ["creditAccount"] = Funds,
        ["amount"] = amount,
        ["valueDate"] = "2026-03-01",
        ["memo"] = "grant",
    };

    private static long Cents(string amount) => long.Parse(amount.Replace(".", ""), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Transfer_moves_money_once_and_a_refused_transfer_changes_nothing()
    {
        var api = fixture.Api;
        (await api.PostEntryAsync(Source, "post", "open", "2026-01-01", ("appropriation:tr:2026", "1000.00"), (Budget, "-1000.00")))
            .Expect(HttpStatusCode.Created);

        var done = (await api.PostJsonAsync("api/ledger/transfers/grant-tr-1", Transfer("250.50"))).Expect(HttpStatusCode.OK);
        var view = done.Json;
        Assert.Equal("grant-tr-1", view.GetProperty("transferId").GetString());
        Assert.Equal("completed", view.GetProperty("status").GetString());
        Assert.Equal(3, view.GetProperty("sourceSequence").GetInt64());
        Assert.Equal(1, view.GetProperty("destinationSequence").GetInt64());
        var afterFirst = (await api.StateAsync(Source), await api.StateAsync(Region));

        var replay = (await api.PostJsonAsync("api/ledger/transfers/grant-tr-1", Transfer("250.50"))).Expect(HttpStatusCode.OK);
        Assert.Equal(view.GetRawText(), replay.Json.GetRawText());
        Assert.Equal(afterFirst, (await api.StateAsync(Source), await api.StateAsync(Region)));

        // The same id with another amount is a conflict, not a second movement.
        (await api.PostJsonAsync("api/ledger/transfers/grant-tr-1", Transfer("1.00"))).ExpectProblem(HttpStatusCode.Conflict, "IdempotencyConflict", "transferId");

        var source = await api.BalancesAsync(Source);
        var region = await api.BalancesAsync(Region);
        Assert.Equal("250.50", LedgerApi.Field(source, Budget, "debitsPosted"));
        Assert.Equal("0.00", LedgerApi.Field(source, Budget, "debitsPending"));
        Assert.Equal("749.50", LedgerApi.Field(source, Budget, "available"));
        Assert.Equal("-250.50", LedgerApi.Field(source, SourceClearing, "balance"));
        Assert.Equal("250.50", LedgerApi.Field(region, RegionClearing, "balance"));
        Assert.Equal("-250.50", LedgerApi.Field(region, Funds, "balance"));
        Assert.Equal(0, Cents(LedgerApi.Field(source, SourceClearing, "balance")) + Cents(LedgerApi.Field(region, RegionClearing, "balance")));
        Assert.Equal(3, (await api.SummaryAsync(Source)).GetProperty("version").GetInt64());
        Assert.Equal(1, (await api.SummaryAsync(Region)).GetProperty("version").GetInt64());

        // Over the ceiling: refused at the reservation, neither journal changes.
        var refused = await api.PostJsonAsync("api/ledger/transfers/grant-tr-2", Transfer("749.51"));
        refused.ExpectProblem(HttpStatusCode.UnprocessableEntity, "LimitExceeded", "postings[0]");
        Assert.Equal(afterFirst, (await api.StateAsync(Source), await api.StateAsync(Region)));
        var rejected = (await api.GetAsync("api/ledger/transfers/grant-tr-2")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());

        var status = (await api.GetAsync("api/ledger/transfers/grant-tr-1")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(3, status.GetProperty("sourceSequence").GetInt64());
        Assert.Equal(1, status.GetProperty("destinationSequence").GetInt64());

        (await api.GetAsync("api/ledger/transfers/no-such-transfer")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "transferId");

        Assert.True((await api.VerifyAsync(Source)).GetProperty("intact").GetBoolean());
        Assert.True((await api.VerifyAsync(Region)).GetProperty("intact").GetBoolean());
    }

    [Theory]
    [InlineData("0.00", "amount")]
    [InlineData("-1.00", "amount")]
    [InlineData("1,00", "amount")]
    public async Task Malformed_transfer_is_400_naming_the_field(string amount, string field)
    {
        var reply = await fixture.Api.PostJsonAsync("api/ledger/transfers/bad-tr", Transfer(amount));
        reply.ExpectProblem(HttpStatusCode.BadRequest, "Invalid", field);
        (await fixture.Api.GetAsync("api/ledger/transfers/bad-tr")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "transferId");
    }

    [Fact]
    public async Task Transfer_within_one_journal_is_400_naming_the_destination()
    {
        var body = Transfer("1.00");
        body["toJournal"] = Source;
        (await fixture.Api.PostJsonAsync("api/ledger/transfers/same-journal", body)).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "toJournal");
    }

    /// <summary>Found by the OpenAPI fuzzer (seed 7): a 1,000-character transfer id answered GET with a 500 from storage.</summary>
    [Fact]
    public async Task A_transfer_id_too_long_or_of_other_characters_is_400_naming_it()
    {
        foreach (var id in new[] { new string('x', 1_000), new string('x', 191), "grant%20tr", "%C3%A9t%C3%A9" })
        {
            (await fixture.Api.GetAsync($"api/ledger/transfers/{id}")).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "transferId");
            (await fixture.Api.PostJsonAsync($"api/ledger/transfers/{id}", Transfer("1.00"))).ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "transferId");
        }
    }

    /// <summary>The service names its own transfers with colons (<c>app:&lt;id&gt;:&lt;seq&gt;:&lt;n&gt;</c>, <c>pay:…</c>); they stay readable.</summary>
    [Fact]
    public async Task A_transfer_id_of_the_services_own_form_is_read_not_refused()
    {
        (await fixture.Api.GetAsync("api/ledger/transfers/app:no-such-app:5:0")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "transferId");
        (await fixture.Api.GetAsync($"api/ledger/transfers/{new string('x', 190)}")).ExpectProblem(HttpStatusCode.NotFound, "NotFound", "transferId");
    }
}
