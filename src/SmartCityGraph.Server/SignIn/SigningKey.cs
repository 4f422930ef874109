using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using SmartCityGraph.Server.Hosting;

namespace SmartCityGraph.Server.SignIn;

/// <summary>
/// The key local bearer tokens are signed with (HMAC-SHA256): <c>Auth:SigningKey</c> when configured, else the
/// file <c>signing-key</c> in the data directory, generated (64 random bytes, readable by the owner only) on first
/// use. The key is never logged nor sent anywhere; only its file's path is mentioned.
/// </summary>
public static class SigningKey
{
    public const string Issuer = "SmartCityGraph";
    public const string Audience = "SmartCityGraph";
    public const string FileName = "signing-key";
    private const int MinimumBytes = 32;

    public static SymmetricSecurityKey Load(IConfiguration configuration, IHostEnvironment environment, ILogger? logger = null)
    {
        if (configuration["Auth:SigningKey"] is { Length: > 0 } configured)
        {
            var bytes = Encoding.UTF8.GetBytes(configured);
            if (bytes.Length < MinimumBytes)
                throw new InvalidOperationException($"Auth:SigningKey must be at least {MinimumBytes} bytes long (it is {bytes.Length}).");
            return new SymmetricSecurityKey(bytes);
        }
        var path = Path.Combine(StoragePaths.DataDirectory(configuration, environment), FileName);
        if (!File.Exists(path))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            try
            {
                using var file = new StreamWriter(path, Encoding.ASCII, options);
                file.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
                logger?.LogInformation("Generated a signing key for bearer tokens in {Path}", path);
            }
            catch (IOException) when (File.Exists(path)) { /* another process generated it first: use theirs */ }
        }
        return new SymmetricSecurityKey(Encoding.ASCII.GetBytes(File.ReadAllText(path).Trim()));
    }
}
