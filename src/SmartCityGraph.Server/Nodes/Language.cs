using GraphQL;
using GraphQL.Types;
using Microsoft.Net.Http.Headers;
using SmartCityGraph.Data.Model;

namespace SmartCityGraph.Server.Nodes;

/// <summary>The languages titles and summaries come in where the sources give both.</summary>
public enum Language { De, En }

public sealed class LanguageGraphType : EnumerationGraphType<Language>
{
    public LanguageGraphType()
    {
        Name = "Language";
        Description = "German or English: a text in that language where the sources give one, else the original.";
    }
}

/// <summary>
/// The language a request prefers, from its <c>Accept-Language</c> header: the highest-weighted of German and English
/// (<c>de-DE</c> counts as German), or none — then texts come as the sources give them. Read once per request.
/// </summary>
public sealed class RequestLanguage(IHttpContextAccessor http)
{
    private readonly Lazy<Language?> preferred = new(() => FromHeader(http.HttpContext?.Request.Headers.AcceptLanguage.ToString()));

    public Language? Preferred => preferred.Value;

    public static Language? FromHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList([header], out var ranges)) return null;
        foreach (var range in ranges.Where(r => (r.Quality ?? 1) > 0).OrderByDescending(r => r.Quality ?? 1)) // a stable sort: ties keep the header's order
        {
            var tag = range.Value.Value ?? "";
            if (tag.Equals("de", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("de-", StringComparison.OrdinalIgnoreCase)) return Language.De;
            if (tag.Equals("en", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("en-", StringComparison.OrdinalIgnoreCase)) return Language.En;
        }
        return null;
    }
}

/// <summary>An entity's title and summary in a language, falling back to the original where the sources give no other.</summary>
public static class LocalisedText
{
    public const string LanguageArgument = "lang";

    public static string TitleIn(this Entity entity, Language? language) => language switch
    {
        Language.De => entity.TitleDe ?? entity.Title,
        Language.En => entity.TitleEn ?? entity.Title,
        _ => entity.Title,
    };

    /// <summary>Summaries are written in English; a German one exists where a German passage was condensed.</summary>
    public static string? SummaryIn(this Entity entity, Language? language) =>
        language == Language.De ? entity.SummaryDe ?? entity.Summary : entity.Summary;

    /// <summary>The field's <c>lang</c> argument, else the request's Accept-Language, else none (the original).</summary>
    public static Language? RequestedLanguage(this IResolveFieldContext context) =>
        context.GetArgument<Language?>(LanguageArgument) ?? PreferredLanguage(context);

    internal const string PreferredLanguageKey = "SmartCityGraph.PreferredLanguage";

    /// <summary>The request's <see cref="RequestLanguage.Preferred"/>, kept in the user context for the request's scope.</summary>
    /// <remarks>
    /// Every title and summary asks for it: resolving the scoped <see cref="RequestLanguage"/> each time (a scope lookup
    /// under the scope's lock) was 4 % of a search's CPU. The memo names the scope it came from, because a subscription's
    /// events share one user context but each runs in a scope of its own.
    /// </remarks>
    internal static Language? PreferredLanguage(IResolveFieldContext context)
    {
        var services = context.RequestServices!;
        if (context.UserContext.TryGetValue(PreferredLanguageKey, out var kept) && kept is PreferredLanguageMemo memo && ReferenceEquals(memo.Scope, services))
            return memo.Preferred;
        var preferred = services.GetRequiredService<RequestLanguage>().Preferred;
        context.UserContext[PreferredLanguageKey] = new PreferredLanguageMemo(services, preferred);
        return preferred;
    }

    private sealed record PreferredLanguageMemo(IServiceProvider Scope, Language? Preferred);
}
