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
        var (read, invalid) = ReadDraft(draft);
        if (invalid is not null)
        {
            return invalid;
        }
        var content = read!;
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

    // The wire form of a draft as content, or the refusal naming the field that cannot be read.
    private static (DraftContent? Content, ApplicationReply? Error) ReadDraft(CreateApplicationDto d)
    {
        if (!Money.TryParse(d.Requested, out var requested, out var error))
        {
            return (null, ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "requested", error!));
        }
        Money? costs = null;
        if (d.ProjectCosts is not null)
        {
            if (!Money.TryParse(d.ProjectCosts, out var c, out error))
            {
                return (null, ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "projectCosts", error!));
            }
            costs = c;
        }
        List<FundingPart>? parts = null;
        if (d.Funding is { } funding)
        {
            if (funding.Count > CoFinancing.MaxParts)
            {
                return (null, ApplicationReply.Refused(ApplicationRefusalCode.Invalid, "funding", $"A plan names at most {CoFinancing.MaxParts} sources."));
            }
            parts = [];
            for (var i = 0; i < funding.Count; i++)
            {
                if (string.IsNullOrEmpty(funding[i]?.Source))
                {
                    return (null, ApplicationReply.Refused(ApplicationRefusalCode.Invalid, $"funding[{i}].source", "Every part names a funding source."));
                }
                if (!Money.TryParse(funding[i].Amount, out var amount, out error))
                {
                    return (null, ApplicationReply.Refused(ApplicationRefusalCode.Invalid, $"funding[{i}].amount", error!));
                }
                parts.Add(new FundingPart(funding[i].Source!, amount));
            }
        }
        return (new DraftContent(d.Title ?? "", requested, costs, d.Theme, parts), null);
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
