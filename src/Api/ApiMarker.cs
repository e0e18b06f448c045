namespace PvoFinance.Api;

/// <summary>Anchor type for the API assembly.</summary>
public static class ApiMarker;
