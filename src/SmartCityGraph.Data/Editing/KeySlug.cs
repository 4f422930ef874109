using System.Globalization;
using System.Text;

namespace SmartCityGraph.Data.Editing;

/// <summary>
/// Keys of new entities, from their titles as the seed's keys are written: lower case, German letters spelt out
/// (ü → ue, ß → ss), other accents dropped, everything else a hyphen ("Bürger:innen-Forum 2" → "buerger-innen-forum-2").
/// </summary>
public static class KeySlug
{
    public const int MaxLength = 80;

    public static string From(string title)
    {
        var text = new StringBuilder();
        foreach (var c in title.Trim().ToLowerInvariant())
        {
            text.Append(c switch
            {
                'ä' => "ae", 'ö' => "oe", 'ü' => "ue", 'ß' => "ss",
                _ => c.ToString(),
            });
        }
        var plain = new StringBuilder();
        foreach (var c in text.ToString().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            plain.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        }
        var words = plain.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries);
        var slug = new StringBuilder();
        foreach (var word in words)
        {
            if (slug.Length + word.Length + 1 > MaxLength) break;
            if (slug.Length > 0) slug.Append('-');
            slug.Append(word);
        }
        if (slug.Length == 0 && words.Length > 0) slug.Append(words[0][..MaxLength]);
        return slug.Length > 0 ? slug.ToString() : "untitled";
    }
}
