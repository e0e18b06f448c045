using System.Text.Json;
using PvoFinance.Api.Applications;
using PvoFinance.Applications;
using PvoFinance.Grains.Applications;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// The application grain's typed answers seen as the API answers them: the status the API gives and the JSON it writes
/// (<see cref="ApplicationAnswers"/>), and actions fired with a JSON body read into the core's payload record the way
/// the API reads it — so the tests written against the HTTP-like answers keep asserting what a client receives.
/// </summary>
internal static class ApplicationReplies
{
    extension(ApplicationReply reply)
    {
        /// <summary>The view as the API writes it; null for a refusal.</summary>
        public string? Json => reply.View is null ? null : JsonSerializer.Serialize(reply.View, ApplicationJson.Options);

        /// <summary>The HTTP status the API gives this answer.</summary>
        public int Status => ApplicationAnswers.StatusOf(reply);
    }

    extension(ApplicationHistoryReply reply)
    {
        /// <summary>The page as the API writes it; null for a refusal.</summary>
        public string? Json => reply.Page is null ? null : JsonSerializer.Serialize(reply.Page, ApplicationJson.Options);

        /// <summary>The HTTP status the API gives this answer.</summary>
        public int Status => reply.Refusal is { } refused ? ApplicationAnswers.StatusOf(refused.Code) : 200;
    }

    extension(IApplicationGrain app)
    {
        /// <summary>Fires <paramref name="trigger"/> with <paramref name="json"/> read as its payload, as the API does (null: no body).</summary>
        public Task<ApplicationReply> FireJson(ActorDto actor, ApplicationTrigger trigger, string? json, string? idempotencyKey, string fingerprint)
        {
            Assert.True(ApplicationAnswers.TryReadPayload(trigger, json, out var payload, out _), $"The test's body does not read as {trigger}: {json}");
            return app.Fire(actor, trigger, payload, idempotencyKey, fingerprint);
        }
    }
}
