using NodaTime;
using PvoFinance.Access;

namespace PvoFinance.Applications;

/// <summary>What a guard may consult besides the application and the request: the access rules, the day (Amsterdam)
/// the request is judged on, and the terms of the funding sources a new plan may name (looked up by the caller).</summary>
internal sealed record GuardContext(AccessRules Access, LocalDate Today, IReadOnlyDictionary<string, FundingTerms> Sources);
