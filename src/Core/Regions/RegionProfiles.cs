namespace PvoFinance.Regions;

/// <summary>
/// The profiles a region starts with, from the 2019 field report on the ten PVOs (shared seeds,
/// <c>000_8bb8135961d426d5.txt</c>; "l." gives the line in that text) and its digest in DOMAIN.md. A region's
/// PVO-manager corrects them through the API; a seed never overwrites an edited profile.
/// </summary>
/// <remarks>
/// Quantities are only filled in where the report gives a figure. It states for most regions that the CCV
/// provides an adviser two days a week (l. 4332-4334) but not which regions; those regions keep null.
/// Full-time is taken as a 36-hour week (30 hours = 0.83 FTE) and a five-day week (3 days = 0.60 FTE).
/// </remarks>
public static class RegionProfiles
{
    /// <summary>The ten seeded profiles, by region id.</summary>
    public static IReadOnlyDictionary<string, RegionProfile> Seed { get; } = new Dictionary<string, RegionProfile>(StringComparer.Ordinal)
    {
        // "Opzet en inrichting PVO Noord-Nederland" (l. 284-343): chaired by the mayor of De Wolden (l. 298-300); members
        // KHN Noord-Nederland, TLN, business parks, Heerenveen's adviser, VNO-NCW, RIEC, advisers incl. the CCV (l. 307-320).
        // "Geen stichting, maar een virtuele organisatie waar de politie de manager levert" (l. 371-374); the manager
        // does it "als deeltaak" beside his police job (l. 288-290), no hours given.
        ["noord-nederland"] = new(
            OrganisationForm.InformalNetwork,
            "Roger de Groot, mayor of De Wolden",
            ["police", "municipalities", "KHN", "TLN", "business parks", "VNO-NCW", "RIEC", "CCV"],
            ManagerFte: null,
            "police",
            CcvAdviserDaysPerWeek: null,
            "Virtual organisation with two layers (board, operations). Manager part-time beside a police job; hours not stated. Bron: field report 2019."),

        // "Nog steeds niet een formele organisatie of bestuurlijke structuur" (l. 1003-1006); manager from the police with
        // a CCV adviser seconded via the ministry (l. 934-936, 969-972); KVB intention agreement with eight mayors (l. 947-948).
        // Hours: "veertien tot zestien uur per dag" but no formal assignment (l. 1102-1103, 1129-1130): no FTE given.
        ["oost-nederland"] = new(
            OrganisationForm.InformalNetwork,
            "",
            ["police", "CCV", "municipalities", "entrepreneurs"],
            ManagerFte: null,
            "police",
            CcvAdviserDaysPerWeek: null,
            "Informal network without a board or a body to account to. Manager has no formal police assignment; hours not stated. Bron: field report 2019."),

        // Placed under the regional safety bureau RVS (l. 1236-1238); the safety coalition: OM, police, the three
        // Veiligheidshuizen, RIEC and RVS (l. 1294-1298). Appendix 2: manager from the police. No chair or hours named.
        ["midden-nederland"] = new(
            OrganisationForm.EmbeddedInRegionalCooperation,
            "",
            ["police", "OM", "municipalities", "RIEC", "RVS", "Veiligheidshuis Regio Utrecht", "Veiligheidshuis Flevoland", "Zorg- en Veiligheidshuis Gooi- en Vechtstreek"],
            ManagerFte: null,
            "police",
            CcvAdviserDaysPerWeek: null,
            "Under RVS (cybercrime). New manager works for RVS's cybercrime taskforce; hours not stated. Bron: field report 2019."),

        // Stichting (l. 1552-1553); board of ten: entrepreneurs, municipal officials, OM and police (l. 1577-1580), chaired by
        // Peter Hoes (l. 1588-1590); supervisory board: three mayors, police, OM, the province's deputy for economic
        // affairs, chaired by the mayor of Hoorn (l. 1653-1664). The police provide the manager (l. 1697-1699), who
        // spends "een volle werkweek" on it (l. 1707-1708).
        ["noord-holland"] = new(
            OrganisationForm.Foundation,
            "Peter Hoes, chair of the board (supervisory board: Jan Nieuwenburg, mayor of Hoorn)",
            ["police", "OM", "municipalities", "province", "entrepreneurs"],
            ManagerFte: 100,
            "police",
            CcvAdviserDaysPerWeek: null,
            "Still called RPC. Board plus supervisory board; executive team hired per assignment. Bron: field report 2019."),

        // Covenant 2019-2022 with three layers (l. 2197-2246); the mayor of Amsterdam chairs the administrative
        // consultation (l. 2058-2060, 2241-2244); operational team: municipality, police, CCV, Amsterdam City, Westpoort
        // (l. 2210-2219). The coordinator works 30 hours (l. 2249); appendix 2: provided by the municipality.
        ["amsterdam-amstelland"] = new(
            OrganisationForm.EmbeddedInRegionalCooperation,
            "Femke Halsema, mayor of Amsterdam",
            ["municipality of Amsterdam", "Amstelland municipalities", "police", "CCV", "Amsterdam City", "Westpoort"],
            ManagerFte: 83,
            "municipality",
            CcvAdviserDaysPerWeek: null,
            "Covenant programme in three layers (operational team, management team, administrative consultation of about twenty parties). Manager 30 hours a week. Bron: field report 2019."),

        // Housed in RSIV: the 27 municipalities, police and OM (l. 2457-2463); the coordinator, seconded from the OM to the
        // municipality, spends her 32 hours on all of RSIV and has little time for the PVO (l. 2466-2474); the CCV adviser
        // works two days a week for the PVO (l. 2475-2477).
        ["den-haag"] = new(
            OrganisationForm.EmbeddedInRegionalCooperation,
            "",
            ["municipalities", "police", "OM", "CCV"],
            ManagerFte: null,
            "municipality",
            CcvAdviserDaysPerWeek: 20,
            "Under RSIV; the RSIV coordinator is PVO-manager besides (32 hours for all of RSIV). Bron: field report 2019."),

        // Under the safety alliance VAR: 25 municipalities, police and OM (l. 2747-2749); two mayors hold the portfolio
        // (l. 2764-2766); the head of VAR (municipality of Rotterdam) is manager with a colleague, the CCV adviser does
        // the projects (l. 2768-2779, 3058-3059). No hours given for the
        // manager; the CCV adviser has two days a week for the PVO (and spends his whole week on it, l. 2793-2796).
        ["rotterdam"] = new(
            OrganisationForm.EmbeddedInRegionalCooperation,
            "",
            ["municipalities", "police", "OM", "CCV"],
            ManagerFte: null,
            "municipality",
            CcvAdviserDaysPerWeek: 20,
            "Under VAR, funded per inhabitant; two mayors hold the Veilig Ondernemen portfolio. Bron: field report 2019."),

        // In oprichting (appendix 2); the CCV adviser sets it up and should officially spend three days a week on it
        // (l. 3221-3223, 3060-3064).
        ["zeeland-west-brabant"] = new(
            OrganisationForm.BeingSetUp,
            "",
            ["CCV"],
            ManagerFte: 60,
            "CCV",
            CcvAdviserDaysPerWeek: 30,
            "Being set up; the CCV adviser acts as manager (officially three days a week). Bron: field report 2019."),

        // In oprichting; "nog geen vaste PVO-manager" (l. 3455), an interim quartermaster from the regional safety
        // bureau; the CCV gives four days a week shared with Zeeland-West-Brabant (l. 3476-3478; split not stated,
        // taken as half); the province supports it (l. 3503-3507).
        ["oost-brabant"] = new(
            OrganisationForm.BeingSetUp,
            "",
            ["CCV", "Regiobureau Integrale Veiligheid Oost-Brabant", "province"],
            ManagerFte: 0,
            "CCV",
            CcvAdviserDaysPerWeek: 20,
            "Being set up; no manager funded yet (hoped for from the province). CCV days shared with Zeeland-West-Brabant. Bron: field report 2019."),

        // Stichting (l. 3730); board: mayors of Venlo and Sittard-Geleen, OM, police, the province's deputy, LLTB, LWV and
        // MKB Limburg (l. 3734-3745); chaired by Paul Verhoeven (l. 3709-3716); manager paid from project overhead
        // (DOMAIN.md, appendix 2: Smart Service Campus); the CCV adviser stopped early 2019 and the PVO got that budget
        // (l. 3766-3768).
        ["limburg"] = new(
            OrganisationForm.Foundation,
            "Paul Verhoeven, entrepreneur, vice-chair MKB Limburg",
            ["municipalities", "OM", "police", "province", "LLTB", "LWV", "MKB Limburg"],
            ManagerFte: null,
            "Smart Service Campus",
            CcvAdviserDaysPerWeek: 0,
            "Foundation; the province is the big funder (three years on an implementation plan). Manager paid from overhead on every project. Bron: field report 2019."),
    };
}
