using NodaTime;
using PvoFinance.Access;

namespace PvoFinance.Applications;

/// <summary>What a guard may consult besides the application and the request: the access rules and the day (Amsterdam) the request is judged on.</summary>
internal sealed record GuardContext(AccessRules Access, LocalDate Today);
