using System.Net;

namespace PvoFinance.Http.Tests;

/// <summary>
/// Every role × own/other scope against every regions endpoint, on oost-nederland (which spans Gelderland and
/// Overijssel). Allowed changes resubmit what is stored, so the matrix leaves the data as it found it.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class RegionAccessTests(ServiceFixture fixture)
{
    private const string Region = "oost-nederland";
    private const int Ok = 200, Forbidden = 403;

    /// <summary>caller; expected status of: list, details, population read, profile update, population update.</summary>
    public static TheoryData<string, int, int, int, int, int> Matrix => new()
    {
        { "pvo-manager:oost-nederland", Ok, Ok, Ok, Ok, Forbidden },
        { "pvo-manager:limburg", Ok, Forbidden, Forbidden, Forbidden, Forbidden },
        { "provincial-officer:Gelderland", Ok, Ok, Ok, Forbidden, Forbidden },
        { "provincial-officer:Overijssel", Ok, Ok, Ok, Forbidden, Forbidden },
        { "provincial-officer:Utrecht", Ok, Forbidden, Forbidden, Forbidden, Forbidden },
        { "ministry", Ok, Ok, Ok, Forbidden, Ok },
        { "treasurer:national", Ok, Ok, Ok, Forbidden, Forbidden },
        { "treasurer:province:Gelderland", Ok, Ok, Ok, Forbidden, Forbidden },
        { "treasurer:province:Limburg", Ok, Forbidden, Forbidden, Forbidden, Forbidden },
        { "treasurer:region:oost-nederland", Ok, Ok, Ok, Forbidden, Forbidden },
        { "treasurer:region:limburg", Ok, Forbidden, Forbidden, Forbidden, Forbidden },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_and_scope_gets_the_expected_status(string caller, int list, int details, int populationRead, int profileUpdate, int populationUpdate)
    {
        var ministry = await Regions.As(fixture.Service, "ministry");
        var stored = await ministry.DetailsAsync(Region);
        var profileBefore = await ministry.ProfileTextAsync(Region);
        var profileBody = Regions.Body(stored.GetProperty("profile"));
        var populationBody = Regions.Population(2024, Regions.Counts(stored));
        var api = await Regions.As(fixture.Service, caller);

        Check(await api.GetAsync("api/regions"), list);
        Check(await api.GetAsync($"api/regions/{Region}"), details);
        Check(await api.GetAsync($"api/regions/{Region}/population?year=2024"), populationRead);
        Check(await api.PutAsync($"api/regions/{Region}/profile", profileBody), profileUpdate);
        Check(await api.PutAsync($"api/regions/{Region}/population", populationBody), populationUpdate);

        var after = await ministry.DetailsAsync(Region);
        Assert.Equal(Regions.Counts(stored), Regions.Counts(after));
        Assert.Equal([2024], after.GetProperty("populationYears").EnumerateArray().Select(y => y.GetInt32()));
        if (profileUpdate == Forbidden)
        {
            Assert.Equal(profileBefore, await ministry.ProfileTextAsync(Region));
        }
    }

    [Fact]
    public async Task Without_a_token_every_endpoint_is_401()
    {
        var anonymous = await Regions.As(fixture.Service, "anonymous");
        var body = Regions.Population(2024, [("GM0150", 1)]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/regions")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"api/regions/{Region}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"api/regions/{Region}/population")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsync($"api/regions/{Region}/profile", new System.Text.Json.Nodes.JsonObject { ["form"] = "Foundation" })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsync($"api/regions/{Region}/population", body)).Status);
    }

    private static void Check(Reply reply, int expected)
    {
        if (expected == Forbidden)
        {
            reply.ExpectProblem(HttpStatusCode.Forbidden, "Forbidden", "role");
        }
        else
        {
            reply.Expect((HttpStatusCode)expected);
        }
    }
}
