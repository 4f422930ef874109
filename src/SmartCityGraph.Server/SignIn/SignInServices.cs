using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace SmartCityGraph.Server.SignIn;

/// <summary>
/// Bearer-token sign-in for editing (reading stays anonymous): tokens signed with the local key
/// (<see cref="SigningKey"/>, minted by the <c>token</c> verb), or, when <c>Auth:Authority</c> and <c>Auth:Audience</c>
/// are set, tokens of that OpenID Connect provider. Roles come from the <c>Auth:RoleClaim</c> claim (default <c>role</c>),
/// the editor's name from <c>Auth:NameClaim</c> (default <c>name</c>).
/// </summary>
public static class SignInServices
{
    public static IServiceCollection AddSmartCitySignIn(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var roleClaim = configuration["Auth:RoleClaim"] is { Length: > 0 } role ? role : "role";
        var nameClaim = configuration["Auth:NameClaim"] is { Length: > 0 } name ? name : "name";
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false; // keep "role" and "name" as the token says them
            options.TokenValidationParameters = new TokenValidationParameters { RoleClaimType = roleClaim, NameClaimType = nameClaim };
            if (configuration["Auth:Authority"] is { Length: > 0 } authority)
            {
                options.Authority = authority;
                options.Audience = configuration["Auth:Audience"]
                    ?? throw new InvalidOperationException("Auth:Authority is set, so Auth:Audience must be too (the audience tokens are issued for).");
                options.RequireHttpsMetadata = configuration.GetValue("Auth:RequireHttpsMetadata", true);
                options.TokenValidationParameters.ValidAudience = options.Audience;
            }
            else
            {
                options.TokenValidationParameters.ValidIssuer = SigningKey.Issuer;
                options.TokenValidationParameters.ValidAudience = SigningKey.Audience;
                options.TokenValidationParameters.IssuerSigningKey = SigningKey.Load(configuration, environment);
            }
        });
        // AddAuthentication brings ASP.NET Core's data protection, whose hosted service loads (on a first start: creates)
        // a key ring before the server listens: ~40-80 ms of every start. Bearer tokens never use it, nor does anything
        // else here (no cookies, no antiforgery); were something to, it would load the ring on first use.
        if (services.FirstOrDefault(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == DataProtectionHostedService)
            is { } keyRingLoader)
            services.Remove(keyRingLoader);
        return services;
    }

    private const string DataProtectionHostedService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>Loads (on first start: generates) the local signing key unless tokens come from an OpenID Connect provider.</summary>
    public static void EnsureSigningKey(this IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (configuration["Auth:Authority"] is { Length: > 0 }) return;
        SigningKey.Load(configuration, services.GetRequiredService<IHostEnvironment>(), services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SigningKey)));
    }
}
