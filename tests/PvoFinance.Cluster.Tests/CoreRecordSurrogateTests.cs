using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Serialization;
using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Grains.Applications;
using PvoFinance.Grains.Serialization;

namespace PvoFinance.Cluster.Tests;

/// <summary>
/// The core's records cross grain calls by Orleans' System.Text.Json codec (<see cref="CoreJsonSerialization"/>), and
/// the application grain's typed answers with them: each must come back as it went through the serializer silos and
/// clients use, a payload also when it travels as an <see cref="object"/> (as <see cref="IApplicationGrain.Fire"/>
/// takes it), and a core record outside the list must not cross at all.
/// </summary>
public sealed class CoreRecordSurrogateTests
{
    private static readonly Serializer Wire = new ServiceCollection()
        .AddPvoSerializer()
        .AddSerializer(b => b.AddAssembly(typeof(MoneySurrogate).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static readonly LocalDate Day = new(2026, 3, 2);

    // Records compare lists by reference: compared as the API would write them.
    private static string Text(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), ApplicationJson.Options);

    [Fact]
    public void Every_action_payload_crosses_as_itself_also_as_an_object()
    {
        object[] payloads =
        [
            new DraftContent("Keurmerk", Money.Parse("30000.00"), Money.Parse("45000.50"), "veiligheid", [new FundingPart("jenv-pvo", Money.Parse("30000.00"))]),
            new DecisionTermExtension(4, "advies nodig"),
            new GrantDecision(Money.Parse("30000.00"), Day.PlusMonths(10), Day.PlusMonths(12), [new ScheduledAdvance(Day, Money.Parse("10000.00"))], "past",
                [new FundingPart("jenv-pvo", Money.Parse("20000.00")), new FundingPart("lim-fonds", Money.Parse("10000.00"))]),
            new AdvancePayment(Money.Parse("10000.00"), "bank-1"),
            new AmendmentRequest(Money.Parse("35000.00"), null, "meer deelnemers"),
            new AmendmentDecision(Money.Parse("35000.00"), Day.PlusMonths(11)),
            new AccountabilityReport("verslag", Money.Parse("40000.00"), "acc-7"),
            new Determination(Money.Parse("29999.99"), "minder gedaan"),
            new MoneyRecord(Money.Parse("0.01")),
            new Note("waarom"),
            new Note(),
            new ObjectionLodging("past wel binnen de regeling", 4),
            new ObjectionLodging("zonder nummer"),
            new ObjectionTermExtension("hoorzitting", AdvisoryCommittee: true),
            new ObjectionDecision(true, "gegrond", new GrantDecision(Money.Parse("25000.00"), Day.PlusMonths(10), Day.PlusMonths(12), [], "herzien",
                [new FundingPart("jenv-pvo", Money.Parse("25000.00"))])),
            new ObjectionDecision(true, "herziene vaststelling", Determined: Money.Parse("27500.00")),
            new ObjectionDecision(false, "ongegrond"),
            new PenaltyDecision(Money.Parse("1442.00")),
            new PenaltyDecision(Money.Zero, "ingebrekestelling onredelijk laat"),
            new DocumentRecord(new string('a', 64), Documents.DocumentKind.FinancialStatement, "kosten.pdf", "application/pdf", 12_345),
        ];
        Assert.Equal(Enum.GetValues<ApplicationTrigger>().Select(ApplicationWorkflow.PayloadTypeOf).Distinct().Order(TypeOrder.Instance),
            payloads.Select(p => p.GetType()).Distinct().Order(TypeOrder.Instance));
        foreach (var payload in payloads)
        {
            var back = Wire.Deserialize<object>(Wire.SerializeToArray<object>(payload));
            Assert.IsType(payload.GetType(), back);
            Assert.Equal(Text(payload), Text(back));
        }
    }

    [Fact]
    public void A_view_crosses_with_its_core_records_unchanged()
    {
        var effect = new LedgerEffect("jenv-pvo", LedgerEffectKind.Commit, Money.Parse("30000.00"));
        var history = new HistoryView(3, Instant.FromUtc(2026, 3, 2, 9, 30) + Duration.FromNanoseconds(7), "jan", Role.Ministry, ApplicationTrigger.Grant,
            ApplicationState.UnderReview, ApplicationState.Granted, "past", [effect], [new LedgerEntryRef("app:a:3:0:0", ["source.jenv-pvo.2026"])]);
        var figures = new ApplicationFigures(Money.Parse("30000.00"), null, Money.Parse("30000.00"), Money.Zero, Money.Zero, Money.Zero, Money.Zero,
            Money.Parse("30000.00"), true, [new SourceFigures("jenv-pvo", Money.Parse("30000.00"), Money.Parse("30000.00"), Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Parse("30000.00"), true)]);
        var view = new ApplicationView("a", "limburg", "jenv-pvo", 2026, Scope.Province("Limburg"), ApplicationState.Granted, "Keurmerk", Money.Parse("30000.00"),
            Money.Parse("45000.00"), null, [new FundingPart("jenv-pvo", Money.Parse("30000.00"))], [new FundingPart("jenv-pvo", Money.Parse("30000.00"))],
            AccountabilityTier.B, figures, new Deadlines(Accountability: Day.PlusYears(1), DecisionExtensionReason: "advies"),
            [new ScheduledAdvance(Day, Money.Parse("10000.00"))], 1, [history], ["pay-advance"])
        { HistoryCount = 3 };
        var reply = new ApplicationReply(view, null, Created: true);

        var back = Wire.Deserialize<ApplicationReply>(Wire.SerializeToArray(reply))!;

        Assert.True(back.Created);
        Assert.Null(back.Refusal);
        Assert.Equal(Text(view), Text(back.View));
        Assert.Equal(3, back.View!.HistoryCount);
        var refused = Wire.Deserialize<ApplicationReply>(Wire.SerializeToArray(new ApplicationReply(null, new ApplicationRefusal(ApplicationRefusalCode.IdempotencyConflict, "Idempotency-Key", "used"))))!;
        Assert.Equal((ApplicationRefusalCode.IdempotencyConflict, "Idempotency-Key", "used"), (refused.Refusal!.Code, refused.Field, refused.Reason));
    }

    [Fact]
    public void A_core_record_outside_the_list_does_not_cross()
    {
        Assert.False(CoreJsonSerialization.IsSupported(typeof(Refusal)));
        Assert.ThrowsAny<Exception>(() => Wire.SerializeToArray<object>(new Refusal(RefusalCode.Invalid, "amount", "no")));
    }

    private sealed class TypeOrder : IComparer<Type>
    {
        public static TypeOrder Instance { get; } = new();

        public int Compare(Type? x, Type? y) => string.CompareOrdinal(x?.FullName, y?.FullName);
    }
}
