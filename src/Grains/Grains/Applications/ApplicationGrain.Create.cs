using PvoFinance.Access;
using PvoFinance.Applications;
using PvoFinance.Funding;
using PvoFinance.Grains.Funding;

namespace PvoFinance.Grains.Applications;

/// <summary>Starting a draft: the request read as the core's content, the caller's right, the sources' terms.</summary>
public sealed partial class ApplicationGrain
{
    /// <inheritdoc />
    public async Task<ApplicationReply> Create(ActorDto actor, CreateApplicationDto draft)
    {
        if (!IsValidId(Id))
        {
            return ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "id", "An application id is 1..60 of a-z, 0-9 and '-'.");
        }
        if (ToActor(actor) is not { } who)
        {
            return NoCaller();
        }
        var content = draft.Content;
        if (content is null)
        {
            return ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "requested", "The draft's content is required.");
        }
        if (content.Funding is { Count: > CoFinancing.MaxParts })
        {
            return ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "funding", $"A plan names at most {CoFinancing.MaxParts} sources.");
        }
        if (!Catalog.IsRegion(draft.Region))
        {
            return ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "region", $"'{draft.Region}' is not one of the ten regions.");
        }
        // Who comes before what: a caller who may not start this region's application learns nothing from the
        // answer about the source it names (whether it exists, its kind, its province).
        if (!Rules.CanManage(who.Caller, Scope.Region(draft.Region)))
        {
            return ApplicationReply.From(Refusal.Forbidden($"Only the PVO-manager of region {draft.Region} may start its application."));
        }
        if (state.State.Json is not null)
        {
            var app = Load();
            var same = app.Region == draft.Region && state.State.SourceId == draft.SourceId && app.History.Count == 1 && app.ApplicantSide.Contains(who.UserId)
                && app.Title == content.Title && app.Requested == content.Requested && app.ProjectCosts == (content.ProjectCosts ?? content.Requested)
                && app.Theme == content.Theme && app.Plan.SequenceEqual(CoFinancing.PlanOf(content, app.LeadSource));
            return same ? await IndexedView(app, who) : ApplicationReply.Refused(ApplicationRefusalCode.Conflict, "id", $"An application '{Id}' already exists.");
        }
        var lead = await Terms(draft.SourceId);
        // A source the manager may not read is answered as if it did not exist, as the funding endpoints do.
        if (lead is null || !Rules.CanRead(who.Caller, lead.Owner))
        {
            return ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "fundingSource", $"No funding source '{draft.SourceId}'.");
        }
        if (lead.Kind is not (FundingSourceKind.NationalScheme or FundingSourceKind.ProvincialFund))
        {
            return ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "fundingSource", "Applications are made to a national scheme or a provincial fund.");
        }
        if (lead.Owner.Level == ScopeLevel.Province && !Catalog.ProvincesOf(draft.Region).Contains(lead.Owner.Name!))
        {
            return ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "region", $"Region '{draft.Region}' has no municipality in {lead.Owner.Name}.");
        }
        var created = ApplicationWorkflow.CreateDraft(Id, draft.Region, lead, await TermsOf(content, who.Caller), SchemeRules.Default, who, content, Rules, clock);
        if (!created.IsOk)
        {
            return ApplicationReply.From(created.Refusal!);
        }
        state.State.SourceId = draft.SourceId;
        SetValue(created.Application);
        await WriteWithRows();
        await Index(created.Application);
        return ApplicationReply.Success(await Shown(created.Application, who), created: true);
    }

    // A repeated create also repairs the region's list, should the first have stopped before indexing.
    private async Task<ApplicationReply> IndexedView(Application app, Actor who)
    {
        await Index(app);
        return ApplicationReply.Success(await Shown(app, who));
    }

    // The co-financing terms of one source, or null when there is no such source (or its stored definition cannot be read).
    private async Task<FundingTerms?> Terms(string? sourceId)
    {
        if (string.IsNullOrEmpty(sourceId) || sourceId.Length > 100)
        {
            return null;
        }
        var dto = await GrainFactory.GetGrain<IFundingSourceGrain>(sourceId).GetDefinition();
        return dto is not null && FundingSourceMapper.ToDefinition(dto).Definition is { } d ? FundingTerms.Of(d) : null;
    }

    // The terms of every source a draft's plan names (unknown ones are left out; the plan check names them). A source
    // the drafting caller may not read counts as unknown, so the refusal does not tell whose it is.
    private async Task<Dictionary<string, FundingTerms>> TermsOf(DraftContent content, Caller caller)
    {
        var terms = new Dictionary<string, FundingTerms>(StringComparer.Ordinal);
        foreach (var part in (content.Funding ?? []).Take(CoFinancing.MaxParts))
        {
            if (!terms.ContainsKey(part.Source) && await Terms(part.Source) is { } t && Rules.CanRead(caller, t.Owner))
            {
                terms[part.Source] = t;
            }
        }
        if (state.State.SourceId is { } lead && !terms.ContainsKey(lead) && await Terms(lead) is { } leadTerms)
        {
            terms[lead] = leadTerms;
        }
        return terms;
    }
}
