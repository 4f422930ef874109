using System.Globalization;
using SmartCityGraph.Server.SignIn;

namespace SmartCityGraph.Server.Commands;

/// <summary>
/// <c>token --role editor|admin --name NAME [--days N]</c>: prints a bearer token signed with the configured key
/// (the same <c>Auth:SigningKey</c> or data directory the server uses), valid for N days (default 30).
/// </summary>
internal static class TokenCommand
{
    public const int DefaultDays = 30;
    public const string Usage = "usage: token --role editor|admin --name NAME [--days N]";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        var role = Option(args, "--role");
        var name = Option(args, "--name");
        var daysText = Option(args, "--days");
        var days = DefaultDays;
        if (role is not (EditorRoles.Editor or EditorRoles.Admin) || string.IsNullOrWhiteSpace(name)
            || (daysText is not null && (!int.TryParse(daysText, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > 3650)))
        {
            await Console.Error.WriteLineAsync(Usage + " (days 1–3650)");
            return 2;
        }
        var configuration = services.GetRequiredService<IConfiguration>();
        if (configuration["Auth:Authority"] is { Length: > 0 })
        {
            await Console.Error.WriteLineAsync("Auth:Authority is set: tokens come from that OpenID Connect provider, not from this verb.");
            return 2;
        }
        var key = SigningKey.Load(configuration, services.GetRequiredService<IHostEnvironment>());
        var token = TokenIssuer.Issue(key, name, role, TimeSpan.FromDays(days));
        Console.WriteLine(token);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
