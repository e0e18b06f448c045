using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PvoFinance.Api.Auth;

/// <summary>
/// Signs tokens for local use and tests, in the Development environment only. The key is random per process
/// unless <c>PvoFinance:Auth:DevSigningKey</c> (base64, ≥ 32 bytes) is set, so a token never outlives the
/// machine it was made on. Production validates tokens of a real OIDC issuer instead.
/// </summary>
public sealed class DevTokenIssuer
{
    /// <summary>Issuer written into development tokens.</summary>
    public const string Issuer = "pvofinance-dev";

    /// <summary>Audience written into development tokens.</summary>
    public const string Audience = "pvofinance";

    /// <summary>How long a development token is valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>Creates the issuer with a configured or a random key.</summary>
    public DevTokenIssuer(string? base64Key)
    {
        var bytes = string.IsNullOrEmpty(base64Key) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(base64Key);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("PvoFinance:Auth:DevSigningKey must be at least 32 bytes (base64).");
        }
        Key = new SymmetricSecurityKey(bytes);
    }

    /// <summary>The signing key, also used to validate.</summary>
    public SymmetricSecurityKey Key { get; }

    /// <summary>A signed token with the given claims.</summary>
    public (string Token, DateTime ExpiresAt) Issue(IEnumerable<Claim> claims, DateTime now)
    {
        var expires = now + Lifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
