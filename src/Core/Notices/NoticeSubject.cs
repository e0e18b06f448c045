namespace PvoFinance.Notices;

/// <summary>The application a notice is about, as its region's list row shows it.</summary>
/// <param name="ApplicationId">The application id.</param>
/// <param name="Region">The applying region.</param>
/// <param name="Title">What the activities are: how people know the application.</param>
/// <param name="FundOwner">Who decides, as a scope text (<c>national</c>, <c>province:Limburg</c>, <c>region:limburg</c>).</param>
public sealed record NoticeSubject(string ApplicationId, string Region, string Title, string FundOwner);
