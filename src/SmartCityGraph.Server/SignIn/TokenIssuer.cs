using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SmartCityGraph.Server.SignIn;

/// <summary>Mints the local bearer tokens the server accepts: issuer and audience SmartCityGraph, the editor's name and role, HMAC-SHA256.</summary>
public static class TokenIssuer
{
    public static string Issue(SecurityKey key, string name, string role, TimeSpan lifetime, DateTime? now = null)
    {
        var issued = now ?? DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SigningKey.Issuer,
            Audience = SigningKey.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", name), new Claim("name", name), new Claim("role", role)]),
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
