using System.Globalization;
using System.Text;

namespace SmartCityGraph.Data.Search;

/// <summary>
/// A small German–English glossary of the knowledge base's domain words. The seed mixes languages —
/// German titles, English summaries ("Smart Water" is about <i>Regenwasser</i> but says "rainwater") —
/// so a German word also matches its English counterpart and vice versa. Lookup ignores case and
/// diacritics ("Bürger" = "burger"); only whole query words are translated, the match is still by prefix.
/// </summary>
public static class SearchGlossary
{
    private static readonly string[][] Groups =
    [
        ["wasser", "water"],
        ["burger", "citizen", "citizens"],
        ["beteiligung", "partizipation", "participation"],
        ["verwaltung", "administration"],
        ["daten", "data"],
        ["stadt", "city"],
        ["mobilitat", "mobility"],
        ["platz", "square"],
        ["strategie", "strategy"],
        ["veranstaltung", "event"],
        ["werkstatt", "workshop"],
        ["umfrage", "survey"],
        ["senat", "senate"],
        ["bezirk", "district"],
        ["forschung", "research"],
        ["stiftung", "foundation"],
        ["forderung", "funding"],
        ["regen", "rain"],
        ["klima", "climate"],
        ["luft", "air"],
    ];

    private static readonly Dictionary<string, string[]> ByWord = Groups
        .SelectMany(group => group.Select(word => (word, others: group.Where(o => o != word).ToArray())))
        .ToDictionary(x => x.word, x => x.others);

    /// <summary>The other words that count as <paramref name="word"/>; empty when the glossary does not know it.</summary>
    public static IReadOnlyList<string> Translations(string word) =>
        ByWord.TryGetValue(Fold(word), out var others) ? others : [];

    /// <summary>Lower case without diacritics, as the index compares words.</summary>
    public static string Fold(string word)
    {
        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(c);
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
