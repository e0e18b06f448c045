using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PvoFinance.Api.Applications;
using PvoFinance.Api.Problems;

namespace PvoFinance.Api.Extensions;

/// <summary>
/// What the generated schemas cannot know by themselves: that an amount or a date is text in a fixed form (the
/// members read by <see cref="AmountTextConverter"/> and <see cref="DateTextConverter"/>), and an example of each
/// action body — the same example the OpenAPI test sends to check that the schema says what the endpoint accepts.
/// </summary>
public static class OpenApiSchemas
{
    /// <summary>An example body per action body record (valid in form; whether it is allowed depends on the application's state).</summary>
    public static IReadOnlyDictionary<Type, string> Examples { get; } = new Dictionary<Type, string>
    {
        [typeof(EditDraftBody)] = """{"title":"Weerbaar ondernemen","requested":"30000.00","projectCosts":"40000.00"}""",
        [typeof(SubmitBody)] = """{"reason":"Complete."}""",
        [typeof(StartReviewBody)] = """{"reason":"Taken into review."}""",
        [typeof(ExtendDecisionTermBody)] = """{"weeks":4,"reason":"An external advice is needed."}""",
        [typeof(RequestInformationBody)] = """{"reason":"Please add the activity plan."}""",
        [typeof(SupplyInformationBody)] = """{"reason":"Activity plan attached."}""",
        [typeof(GrantBody)] = """{"amount":"30000.00","endDate":"2027-12-31","accountabilityDue":"2028-06-30","advances":[{"due":"2027-01-15","amount":"15000.00"}],"reason":"Fits the scheme."}""",
        [typeof(RejectBody)] = """{"reason":"Outside the scheme's purpose."}""",
        [typeof(WithdrawBody)] = """{"reason":"No longer needed."}""",
        [typeof(PayAdvanceBody)] = """{"amount":"15000.00","reference":"BANK-2027-0042"}""",
        [typeof(RequestAmendmentBody)] = """{"reason":"The activities take longer.","endDate":"2028-06-30"}""",
        [typeof(ApproveAmendmentBody)] = """{"budget":"30000.00","endDate":"2028-06-30","reason":"Agreed."}""",
        [typeof(RefuseAmendmentBody)] = """{"reason":"The end date cannot move."}""",
        [typeof(SubmitAccountabilityBody)] = """{"results":"Twelve sessions held.","realisedCosts":"29000.00","auditorStatement":"AUD-2028-7"}""",
        [typeof(DetermineBody)] = """{"amount":"28500.00","reason":"Awb 4:46 lid 2 sub a: fewer activities held."}""",
        [typeof(RecordPaymentBody)] = """{"amount":"13500.00","reference":"BANK-2028-0101"}""",
        [typeof(RecordReclaimBody)] = """{"amount":"1500.00","reference":"BANK-2028-0202"}""",
        [typeof(RevokeBody)] = """{"reason":"Awb 4:48: the activities did not take place."}""",
        [typeof(CloseBody)] = """{"reason":"Settled and archived."}""",
        [typeof(LodgeObjectionBody)] = """{"grounds":"The activities do fit the scheme's purpose."}""",
        [typeof(ExtendObjectionTermBody)] = """{"reason":"The advisory committee hears the parties.","advisoryCommittee":true}""",
        [typeof(DecideObjectionBody)] = """{"founded":true,"reason":"Founded: the activities fit the scheme.","grant":{"amount":"30000.00","endDate":"2027-12-31","accountabilityDue":"2028-06-30"}}""",
        [typeof(GiveNoticeOfDefaultBody)] = """{"reason":"The decision term has passed."}""",
        [typeof(DecidePenaltyBody)] = """{"amount":"1442.00","reason":"Awb 4:17: 42 days in default."}""",
        [typeof(PayPenaltyBody)] = """{"amount":"1442.00","reference":"BANK-2027-0500"}""",
    };

    /// <summary>Adds the transformers to the OpenAPI options.</summary>
    public static OpenApiOptions AddPvoSchemas(this OpenApiOptions options)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var property = context.JsonPropertyInfo;
            var nullable = property?.IsSetNullable == true ? JsonSchemaType.Null : 0;
            switch (property?.CustomConverter)
            {
                case AmountTextConverter:
                    schema.Type = JsonSchemaType.String | nullable;
                    schema.Pattern = AmountTextConverter.Pattern;
                    schema.Description ??= "An exact amount in euros as text, at most two decimals.";
                    schema.Examples = [JsonValue.Create(AmountTextConverter.Example)];
                    break;
                case DateTextConverter:
                    schema.Type = JsonSchemaType.String | nullable;
                    schema.Format = "date";
                    schema.Examples = [JsonValue.Create("2026-03-02")];
                    break;
                default:
                    if (property is null && Examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
                    {
                        schema.Examples = [JsonNode.Parse(example)!];
                    }
                    break;
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
