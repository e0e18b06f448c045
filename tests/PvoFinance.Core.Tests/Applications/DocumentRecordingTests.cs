using System.Text.Json;
using PvoFinance.Applications;
using PvoFinance.Documents;
using PvoFinance.Storage;
using static PvoFinance.Core.Tests.Applications.ApplicationKit;
using S = PvoFinance.Applications.ApplicationState;
using T = PvoFinance.Applications.ApplicationTrigger;

namespace PvoFinance.Core.Tests.Applications;

/// <summary>
/// Recording a stored document is a transition of the one machine (issue 18): <see cref="T.RecordDocument"/>, a reentry
/// in every state but Closed, permitted to the region's PVO-manager for the applicant's kinds and to anyone who may read
/// the application for <c>other</c>; its entry carries who, when and the document's SHA-256, which the compact history
/// keeps, and the application's other members stay exactly as they were.
/// </summary>
public sealed class DocumentRecordingTests
{
    private static readonly Dictionary<string, Actor> People = new()
    {
        ["manager"] = Manager,
        ["manager2"] = Manager2,
        ["other-manager"] = OtherManager,
        ["officer"] = Officer,
        ["other-officer"] = OtherOfficer,
        ["ministry"] = Ministry,
        ["treasurer"] = Treasurer,
        ["national-treasurer"] = NationalTreasurer,
        ["region-treasurer"] = RegionTreasurer,
        ["other-treasurer"] = OtherTreasurer,
    };

    /// <summary>Who may read the Limburg application of the Limburg fund: the region's people, the province's, the nation's.</summary>
    private static readonly string[] Readers = ["manager", "manager2", "officer", "ministry", "treasurer", "national-treasurer", "region-treasurer"];

    private static readonly string[] Positions = ["draft", "submitted", "review", "information", "granted", "amendment", "accounted", "determined", "revoked", "rejected", "withdrawn", "closed"];

    internal static DocumentRecord Record(int n, DocumentKind kind = DocumentKind.ContentReport, string fileName = "verslag.pdf") =>
        new(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n))), kind, fileName, "application/pdf", 12_345);

    private static ApplicationWorkflow Setup(string position, ApplicationKit kit)
    {
        ApplicationWorkflow wf;
        switch (position)
        {
            case "draft":
                return kit.Draft("60000");
            case "submitted":
                wf = kit.Draft("60000");
                Ok(wf, T.Submit, Manager);
                return wf;
            case "review":
                return kit.UnderReview("60000");
            case "information":
                wf = kit.UnderReview("60000");
                Ok(wf, T.RequestInformation, Officer2, new Note("vraag"));
                return wf;
            case "granted":
                return kit.Granted("60000", (0, "10000"));
            case "amendment":
                wf = kit.Granted("60000");
                Ok(wf, T.RequestAmendment, Manager2, new AmendmentRequest(M("70000"), null, "meer"));
                return wf;
            case "accounted":
                wf = kit.Granted("60000");
                Ok(wf, T.SubmitAccountability, Manager2, new AccountabilityReport("resultaten"));
                return wf;
            case "determined":
                wf = kit.Granted("60000");
                Ok(wf, T.SubmitAccountability, Manager2, new AccountabilityReport("resultaten"));
                Ok(wf, T.Determine, Officer2, new Determination(M("60000")));
                return wf;
            case "revoked":
                wf = kit.Granted("60000", (0, "10000"));
                Ok(wf, T.Revoke, Officer2, new Note("ingetrokken"));
                return wf;
            case "rejected":
                wf = kit.UnderReview("60000");
                Ok(wf, T.Reject, Officer2, new Note("nee"));
                return wf;
            case "withdrawn":
                wf = kit.UnderReview("60000");
                Ok(wf, T.Withdraw, Manager, new Note("zelf gestopt"));
                return wf;
            case "closed":
                wf = kit.UnderReview("60000");
                Ok(wf, T.Reject, Officer2, new Note("nee"));
                Ok(wf, T.Close, Officer2, new Note("archief"));
                return wf;
            default:
                throw new ArgumentException(position);
        }
    }

    public static TheoryData<string, string, string> Table()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var position in Positions)
        {
            foreach (var person in People.Keys)
            {
                foreach (var kind in new[] { "content-report", "objection-grounds", "other" })
                {
                    data.Add(position, person, kind);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void The_permit_table_says_who_may_record_which_kind_in_which_state(string position, string person, string kind)
    {
        var kit = new ApplicationKit();
        var wf = Setup(position, kit);
        var actor = People[person];
        Assert.True(DocumentKinds.TryParse(kind, out var k));
        var may = position != "closed" && (k == DocumentKind.Other ? Readers.Contains(person) : person is "manager" or "manager2");
        var record = Record(1, k);
        var before = wf.Application;

        if (!may)
        {
            var refusal = No(wf, T.RecordDocument, actor, record);
            var expected = position == "closed" ? (RefusalCode.Conflict, "state")
                : k == DocumentKind.Other ? (RefusalCode.Forbidden, "scope") : (RefusalCode.Forbidden, "caller");
            Assert.Equal(expected, (refusal.Code, refusal.Field));
            Assert.Empty(DocumentRules.Recorded(wf.Application));
            return;
        }

        kit.AdvanceDays(1);
        var entry = Ok(wf, T.RecordDocument, actor, record).Entry!;
        // A reentry: the state, the money and everything else stay; only the entry is new.
        Assert.Equal((before.State, before.State), (entry.From, entry.To));
        Assert.Equal(ApplicationJson.Serialize(before), ApplicationJson.Serialize(wf.Application with { History = before.History }));
        Assert.Equal((actor.UserId, actor.Caller.Role, kit.Clock.GetCurrentInstant()), (entry.UserId, entry.Role, entry.At));
        Assert.Equal(record.Sha256, entry.DocumentSha256);
        Assert.Null(entry.LetterSha256);
        Assert.Empty(entry.Effects);
        Assert.Equal(before.History.Count + 1, entry.Sequence);
        Assert.Equal([record.Sha256], DocumentRules.Recorded(wf.Application));
        Assert.DoesNotContain(T.RecordDocument, wf.PermittedTriggers(actor));
    }

    [Fact]
    public void Documents_may_be_added_in_every_state_but_closed_and_adding_one_is_no_action()
    {
        Assert.Equal(Enum.GetValues<S>().Where(s => s != S.Closed).Order(), ApplicationWorkflow.DocumentStates.Order());
        Assert.False(ApplicationWorkflow.IsAction(T.RecordDocument));
        Assert.All(Enum.GetValues<T>().Where(t => t != T.RecordDocument), t => Assert.True(ApplicationWorkflow.IsAction(t)));
        Assert.Equal(typeof(DocumentRecord), ApplicationWorkflow.PayloadTypeOf(T.RecordDocument));
    }

    [Fact]
    public void The_entry_reads_well_in_the_history_and_a_stranger_is_refused_before_anything_else()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000");
        var entry = Ok(wf, T.RecordDocument, Manager, Record(1, DocumentKind.FinancialStatement, " kosten 2027.pdf ")).Entry!;
        Assert.Equal("Financieel verslag: kosten 2027.pdf (12.345 bytes, application/pdf)", entry.Reason);

        // A stranger with a record that is wrong in every other way hears that they may not, first.
        var bad = Record(2, DocumentKind.Other) with { Sha256 = "nope", FileName = "a/b", Size = 0 };
        Assert.Equal("scope", No(wf, T.RecordDocument, OtherManager, bad, code: RefusalCode.Forbidden).Field);
        Assert.Equal("caller", No(wf, T.RecordDocument, OtherOfficer, bad with { Kind = DocumentKind.ContentReport }, code: RefusalCode.Forbidden).Field);
        No(wf, T.RecordDocument, Manager, null, "payload", RefusalCode.Invalid);
        No(wf, T.RecordDocument, Manager, new Note("geen document"), "payload", RefusalCode.Invalid);
    }

    [Fact]
    public void A_record_names_its_file_within_the_limits_and_is_recorded_once()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000");
        var record = Record(1);
        No(wf, T.RecordDocument, Manager, record with { Sha256 = record.Sha256.ToUpperInvariant() }, "sha256", RefusalCode.Invalid);
        No(wf, T.RecordDocument, Manager, record with { Sha256 = record.Sha256[1..] }, "sha256", RefusalCode.Invalid);
        No(wf, T.RecordDocument, Manager, record with { Kind = (DocumentKind)42 }, "kind", RefusalCode.Invalid);
        No(wf, T.RecordDocument, Manager, record with { FileName = "../x.pdf" }, "fileName", RefusalCode.Invalid);
        No(wf, T.RecordDocument, Manager, record with { FileName = new string('x', DocumentLimits.MaxFileNameLength + 1) }, "fileName", RefusalCode.Invalid);
        No(wf, T.RecordDocument, Manager, record with { ContentType = "application/zip" }, "contentType", RefusalCode.Invalid);
        No(wf, T.RecordDocument, Manager, record with { Size = 0 }, "size", RefusalCode.Invalid);
        No(wf, T.RecordDocument, Manager, record with { Size = DocumentLimits.MaxBytes + 1L }, "size", RefusalCode.Invalid);
        Ok(wf, T.RecordDocument, Manager, record with { FileName = new string('x', DocumentLimits.MaxFileNameLength), Size = DocumentLimits.MaxBytes });

        // The same bytes again are the same document: never a second entry, whoever asks and whatever they call it.
        No(wf, T.RecordDocument, Manager2, record with { Kind = DocumentKind.Other, FileName = "anders.pdf" }, "content", RefusalCode.Conflict);
        Assert.Single(DocumentRules.Recorded(wf.Application));
    }

    [Fact]
    public void At_most_fifty_documents_and_their_hashes_stay_in_the_compact_history_in_the_order_recorded()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000");
        var hashes = new List<string>();
        for (var i = 0; i < DocumentLimits.MaxDocumentsPerApplication; i++)
        {
            // As the grain does: each request starts from the value as stored (compact).
            wf = new ApplicationWorkflow(HistoryCompaction.Compact(wf.Application), Rules, kit.Clock);
            var record = Record(i, i % 2 == 0 ? DocumentKind.ContentReport : DocumentKind.Other, new string('<', DocumentLimits.MaxFileNameLength));
            Ok(wf, T.RecordDocument, i % 2 == 0 ? Manager : Officer, record);
            hashes.Add(record.Sha256);
        }
        var stored = HistoryCompaction.Compact(wf.Application);
        Assert.Equal(hashes, DocumentRules.Recorded(stored));
        Assert.All(stored.History, h => Assert.Null(h.Reason));
        Assert.True(DocumentRules.IsRecorded(stored, hashes[17]));

        var over = No(new ApplicationWorkflow(stored, Rules, kit.Clock), T.RecordDocument, Manager, Record(999), "content", RefusalCode.LimitExceeded);
        Assert.Contains($"{DocumentLimits.MaxDocumentsPerApplication} documents", over.Reason, StringComparison.Ordinal);

        // Each document's compact entry is within a compact entry and one hash of the budget.
        foreach (var h in stored.History.Where(h => h.DocumentSha256 is not null))
        {
            Assert.True(WireBytes(h) + 1 <= ApplicationStateBudget.CompactEntryBytes + ApplicationStateBudget.HashBytes, $"{WireBytes(h)} bytes");
        }
    }

    [Fact]
    public void The_budget_counts_a_hash_on_every_entry_that_may_have_one_and_still_fits_the_state()
    {
        // The worst compact history: every entry at its longest, as many with a hash as documents and letters allow.
        var entries = Enumerable.Range(1, ApplicationLimits.MaxHistoryEntries)
            .Select(s => HistoryCompaction.Compact(ApplicationStateBudget.WorstEntry(s, withText: true, effects: 0, withHash: s <= ApplicationStateBudget.MaxHashes), keepEffects: false))
            .ToList();
        Assert.Equal(ApplicationStateBudget.MaxHashes, entries.Count(e => e.DocumentSha256 is not null));
        Assert.True(WireBytes(entries) <= ApplicationLimits.MaxHistoryEntries * ApplicationStateBudget.CompactEntryBytes + ApplicationStateBudget.MaxHashes * ApplicationStateBudget.HashBytes);
        Assert.True(ApplicationStateBudget.HashBytes >= 64, $"{ApplicationStateBudget.HashBytes} bytes for a hash of 64 digits");
        Assert.Equal(DocumentLimits.MaxDocumentsPerApplication + LetterLimits.MaxLettersPerApplication, ApplicationStateBudget.MaxHashes);
        Assert.True(WireBytes(ApplicationStateBudget.WorstEntry(1, withText: true, effects: ApplicationStateBudget.MaxEffectsPerEntry, withHash: true)) <= ApplicationStateBudget.WholeEntryBytes);
        Assert.True(ApplicationStateBudget.WorstStateBytes <= GrainStateLimits.MaxApplicationBytes, $"{ApplicationStateBudget.WorstStateBytes:N0} bytes");
        Assert.True(ApplicationStateBudget.MaxHistoryBytes <= GrainStateLimits.MaxApplicationHistoryBytes, $"{ApplicationStateBudget.MaxHistoryBytes:N0} bytes");
    }

    [Fact]
    public void An_entry_writes_its_hash_and_reason_only_when_set_so_older_rows_read_as_before()
    {
        var kit = new ApplicationKit();
        var wf = kit.Granted("60000");
        var entry = Ok(wf, T.RecordDocument, Manager, Record(7)).Entry!;
        var text = JsonSerializer.Serialize(entry, ApplicationJson.Options);
        Assert.Contains($"\"documentSha256\":\"{entry.DocumentSha256}\"", text, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<HistoryEntry>(text, ApplicationJson.Options)!;
        Assert.Equal((entry.DocumentSha256, entry.Reason), (back.DocumentSha256, back.Reason));
        Assert.Equal(text, JsonSerializer.Serialize(back, ApplicationJson.Options));

        var plain = wf.Application.History[0] with { Reason = null };
        var plainText = JsonSerializer.Serialize(plain, ApplicationJson.Options);
        Assert.DoesNotContain("documentSha256", plainText, StringComparison.Ordinal);
        Assert.DoesNotContain("\"reason\"", plainText, StringComparison.Ordinal);
        // A row written before (with "reason":null and no hash) reads exactly as it did.
        var older = plainText.Replace("\"effects\"", "\"reason\":null,\"effects\"", StringComparison.Ordinal);
        Assert.Equal(plainText, JsonSerializer.Serialize(JsonSerializer.Deserialize<HistoryEntry>(older, ApplicationJson.Options), ApplicationJson.Options));
    }

    [Fact]
    public void The_diagram_draws_adding_a_document_once_as_a_note_with_its_guards()
    {
        var mermaid = ApplicationDiagram.Mermaid();
        Assert.DoesNotContain(" : RecordDocument ", mermaid, StringComparison.Ordinal);
        Assert.Contains("\tnote right of Draft\n\t\tRecordDocument / record stored document [PVO-manager of the region, or for kind other anyone who may read the application] "
            + "[not recorded before] [at most 50 documents] [hash, kind, name, type and size within limits]\n\t\ta reentry in every state but Closed\n\tend note\n[*] --> Draft\n",
            mermaid, StringComparison.Ordinal);

        // Collapsed only when every line of the trigger is the same reentry: anything else is left as the machine says it.
        const string text = "stateDiagram-v2\n\tA --> A : RecordDocument / x [g]\n\tB --> C : RecordDocument / x [g]\n[*] --> A\n";
        Assert.Equal(text, ApplicationDiagram.Collapsed(text, T.RecordDocument));
        const string differs = "stateDiagram-v2\n\tA --> A : RecordDocument / x [g]\n\tB --> B : RecordDocument / x [h]\n[*] --> A\n";
        Assert.Equal(differs, ApplicationDiagram.Collapsed(differs, T.RecordDocument));
    }

    private static long WireBytes<TValue>(TValue value) => JsonWireSize.Of(JsonSerializer.Serialize(value, ApplicationJson.Options));
}
