using PvoFinance.Access;
using PvoFinance.Funding;
using PvoFinance.Grains.Funding;
using PvoFinance.Regions;

namespace PvoFinance.Grains.Banking;

/// <summary>Who holds a bank account and whose money it keeps, as the statement import and the reconciliation see it.</summary>
/// <param name="Parties">The bank-details keys that carry the IBAN (<c>region.limburg</c>, <c>owner.levy-x</c>, ...).</param>
/// <param name="Scope">The scope the account belongs to (who may read and book its statements), or null when no party carries it.</param>
/// <param name="Sources">The funding sources whose money the account keeps: their cash is its cash, their levy invoices are paid into it.</param>
/// <param name="LevySources">Of those, the municipal levy sources (their invoices are the receivables a credit can pay).</param>
[GenerateSerializer, Immutable]
public sealed record StatementPartiesDto(
    [property: Id(0)] IReadOnlyList<string> Parties,
    [property: Id(1)] string? Scope,
    [property: Id(2)] IReadOnlyList<string> Sources,
    [property: Id(3)] IReadOnlyList<string> LevySources);

/// <summary>
/// The mapping of an IBAN to the ledger: a source's money is kept on its owner's account (<c>owner.&lt;source&gt;</c>);
/// a region's source without an owner's account of its own keeps its money on the region's PVO account. The account
/// belongs to the scope of the first party that carries it (a region before a source's owner).
/// </summary>
public static class StatementParties
{
    /// <summary>Reads the bank details of every region and every source's owner and intermediary (in parallel) and maps <paramref name="iban"/>.</summary>
    public static async Task<StatementPartiesDto> MapAsync(IGrainFactory grains, string iban)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var regions = RegionDefinition.All.Select(r => r.Id).ToList();
        var sources = await grains.GetGrain<IFundingRegistryGrain>(0).List();
        var regionAccounts = await Task.WhenAll(regions.Select(r => grains.GetGrain<IBankDetailsGrain>(BankDetailsKeys.Region(r)).Get()));
        var ownerAccounts = await Task.WhenAll(sources.Select(s => grains.GetGrain<IBankDetailsGrain>(BankDetailsKeys.FundOwner(s.Id)).Get()));
        var intermediaryAccounts = await Task.WhenAll(sources.Select(s => grains.GetGrain<IBankDetailsGrain>(BankDetailsKeys.Intermediary(s.Id)).Get()));

        var parties = new List<string>();
        var held = new List<FundingRegistryEntry>();
        string? scope = null;
        for (var i = 0; i < regions.Count; i++)
        {
            if (regionAccounts[i]?.Iban == iban)
            {
                parties.Add(BankDetailsKeys.Region(regions[i]));
                scope ??= Scope.Region(regions[i]).ToString();
                held.AddRange(sources.Where((s, j) => ownerAccounts[j] is null && s.Owner == Scope.Region(regions[i]).ToString()));
            }
        }
        for (var j = 0; j < sources.Count; j++)
        {
            if (ownerAccounts[j]?.Iban == iban)
            {
                parties.Add(BankDetailsKeys.FundOwner(sources[j].Id));
                scope ??= sources[j].Owner;
                held.Add(sources[j]);
            }
            if (intermediaryAccounts[j]?.Iban == iban)
            {
                parties.Add(BankDetailsKeys.Intermediary(sources[j].Id));
                scope ??= sources[j].Owner;
            }
        }
        var distinct = held.DistinctBy(s => s.Id).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        return new StatementPartiesDto(parties, scope, [.. distinct.Select(s => s.Id)],
            [.. distinct.Where(s => s.Kind == nameof(FundingSourceKind.MunicipalLevy)).Select(s => s.Id)]);
    }
}
