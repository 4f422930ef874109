using System.Globalization;
using System.Text;

namespace SmartCityGraph.Data.Search;

/// <summary>
/// A user's search text reduced to plain words, so no query syntax of any engine can get through:
/// every character that is not a letter, digit or combining mark separates words (as SQLite's
/// <c>unicode61</c> tokenizer does), so quotes, <c>*</c>, <c>:</c>, <c>^</c>, parentheses and the like vanish,
/// and operator words (<c>AND</c>, <c>OR</c>, <c>NOT</c>, <c>NEAR</c>) are searched for as plain words.
/// Every word must occur (as a word or a word's prefix); a word of the small German–English
/// <see cref="SearchGlossary"/> also matches its translation.
/// </summary>
public sealed class SearchQuery
{
    /// <summary>Longest accepted search text, in characters.</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// How deep a ranking goes: the best this many matches are ranked (and reachable by paging) — 25 pages of 20.
    /// Every match ranked costs its score and a look at its relations (the related-hit boost), so this is what a broad
    /// word costs on any size of graph; at 1,000 a broad word on PostgreSQL at 1M entities cost 2.6× what it cost at 10k
    /// (where it has fewer matches than that), at 500 about 1.5×.
    /// </summary>
    public const int MaxRankedHits = 500;

    /// <summary>Most words taken from one search text; the rest are ignored.</summary>
    public const int MaxWords = 16;

    private SearchQuery(IReadOnlyList<SearchTerm> terms) => Terms = terms;

    /// <summary>The words to match, in the order given, each with its alternatives.</summary>
    public IReadOnlyList<SearchTerm> Terms { get; }

    /// <summary>A stable text for this query (e.g. to tie paging cursors to it).</summary>
    public string Normalized => string.Join(" ", Terms.Select(t => t.Word));

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why in words fit for a user.</summary>
    public static bool TryParse(string? text, out SearchQuery query, out string error)
    {
        query = new SearchQuery([]);
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The search text is empty.";
            return false;
        }
        if (text.Length > MaxLength)
        {
            error = $"The search text has {text.Length} characters; at most {MaxLength} are allowed.";
            return false;
        }
        var words = Words(text).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxWords).ToList();
        if (words.Count == 0)
        {
            error = "The search text holds no word to search for (only punctuation or symbols).";
            return false;
        }
        query = new SearchQuery(words.Select(w => new SearchTerm(w, SearchGlossary.Translations(w))).ToList());
        return true;
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (IsWordCharacter(c))
            {
                word.Append(c);
                continue;
            }
            if (word.Length > 0) yield return word.ToString();
            word.Clear();
        }
        if (word.Length > 0) yield return word.ToString();
    }

    private static bool IsWordCharacter(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => true,
        _ => false,
    };
}

/// <summary>One word of a query and the other words (translations) that count as it.</summary>
public sealed record SearchTerm(string Word, IReadOnlyList<string> Alternatives)
{
    /// <summary>The word, then its alternatives: what the term matches.</summary>
    public IEnumerable<string> Words => Alternatives.Prepend(Word);
}
