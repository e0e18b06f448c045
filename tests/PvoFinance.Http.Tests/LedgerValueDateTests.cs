using System.Net;

namespace PvoFinance.Http.Tests;

/// <summary>
/// A ledger entry's value date is parsed by the API (a grain request carries a date, not text): a malformed one is a 400
/// naming <c>valueDate</c>, with the reason the ledger gave when it parsed the text itself, and changes nothing.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class LedgerValueDateTests(ServiceFixture fixture)
{
    private const string Journal = "source.baddate.2026";

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("23-11-2026")]
    [InlineData("2026-1-5")]
    [InlineData("2026-11-23T00:00")]
    [InlineData(" 2026-11-23")]
    [InlineData("２０２６-11-23")]
    public async Task A_bad_value_date_is_400_naming_valueDate(string date)
    {
        var open = await fixture.Api.PostEntryAsync(Journal, "post", "open", "2026-01-01", ("appropriation:baddate:2026", "100.00"), ("budget:baddate:2026", "-100.00"));
        Assert.True(open.Status is HttpStatusCode.Created or HttpStatusCode.OK, open.Describe());
        var before = await fixture.Api.StateAsync(Journal);
        var reply = await fixture.Api.PostEntryAsync(Journal, "post", "bad-date", date, ("budget:baddate:2026", "5.00"), ("region:baddate:funds", "-5.00"));
        reply.ExpectProblem(HttpStatusCode.BadRequest, "Invalid", "valueDate");
        Assert.Equal(before, await fixture.Api.StateAsync(Journal));
    }
}
