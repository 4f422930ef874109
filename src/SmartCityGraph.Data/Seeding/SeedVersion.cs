using System.Security.Cryptography;
using System.Text;

namespace SmartCityGraph.Data.Seeding;

/// <summary>
/// The version of a seed folder: the first 12 hex digits of a SHA-256 over its JSON files (names and
/// contents, line endings normalised, in name order). Any change to the data gives a new version; the
/// same data gives the same version on every machine, so a citation names exactly the data it quotes.
/// </summary>
public static class SeedVersion
{
    public const string Unknown = "unknown";

    public static string Of(string directory)
    {
        if (!Directory.Exists(directory)) return Unknown;
        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) return Unknown;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            hash.AppendData(Encoding.UTF8.GetBytes(File.ReadAllText(file).ReplaceLineEndings("\n")));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
