using System.Text;
using System.Text.Json;
using static SmartCityGraph.Server.Tests.Hostile.HostileCase;

namespace SmartCityGraph.Server.Tests.Hostile;

/// <summary>
/// The project's own corpus of hostile requests: transport (methods, media types, encodings, bodies), syntax,
/// validation, resource exhaustion (depth, breadth, aliases, fragments, directives, huge strings and numbers, deep
/// JSON), ids, cursors and filters - each with the coded error (or the answer) it must get.
/// </summary>
public static class HostileCorpus
{
    private const string Parse = "GRAPHQL_PARSE_FAILED";
    private const string Invalid = "GRAPHQL_VALIDATION_FAILED";
    private const string Bad = "BAD_REQUEST";
    private const string TooLarge = "GRAPHQL_DOCUMENT_TOO_LARGE";
    private const string InvalidId = "INVALID_ID";
    private const string InvalidInput = "INVALID_INPUT";
    private const string PageSize = "PAGE_SIZE_EXCEEDED";
    private const string Cost = "COST_LIMIT_EXCEEDED";
    private const string Depth = "DEPTH_LIMIT_EXCEEDED";

    /// <summary>Pilot:smart-water, a real id.</summary>
    public const string PilotId = "UGlsb3Q6c21hcnQtd2F0ZXI=";

    private static Expectation Ok => Expectation.Ok;
    private static Expectation Error(string code, int? status = null) => Expectation.Error(code, status);
    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));
    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
    private static string Q(string query) => "query=" + Uri.EscapeDataString(query);

    public static IEnumerable<HostileCase> All() =>
        Transport().Concat(Syntax()).Concat(Validation()).Concat(Exhaustion()).Concat(Ids()).Concat(Cursors()).Concat(Filters());

    private static IEnumerable<HostileCase> Transport()
    {
        const string T = "transport";
        var body = Encoding.UTF8.GetBytes("{\"query\":\"{ pilots { totalCount } }\"}");
        foreach (var method in new[] { "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "FOO" })
            yield return Raw(T, method + " is not allowed", new HttpMethod(method), "/graphql", body, "application/json", Error("METHOD_NOT_ALLOWED", 405));

        foreach (var contentType in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                     "application/graphql", "application/json; charset=latin1", "application/json; charset=utf-16", "application/jsonx", "json", "*/*", ";;;" })
            yield return Raw(T, "content type " + contentType, HttpMethod.Post, "/graphql", body, contentType, Error("UNSUPPORTED_MEDIA_TYPE", 415));
        yield return Raw(T, "no content type", HttpMethod.Post, "/graphql", body, null, Error("UNSUPPORTED_MEDIA_TYPE", 415));
        yield return Raw(T, "content type with utf-8 charset", HttpMethod.Post, "/graphql", body, "application/json; charset=UTF-8", Ok);
        yield return Raw(T, "content type utf8 alias", HttpMethod.Post, "/graphql", body, "application/json;charset=utf8", Ok);

        foreach (var accept in new[] { "image/png", "text/html;q=0, application/xml", "application/graphql-response+json;q=0, application/json;q=0" })
            yield return Raw(T, "accept " + accept, HttpMethod.Post, "/graphql", body, "application/json", Error("NOT_ACCEPTABLE", 406), new Dictionary<string, string> { ["Accept"] = accept });
        yield return Raw(T, "accept */*", HttpMethod.Post, "/graphql", body, "application/json", Ok, new Dictionary<string, string> { ["Accept"] = "*/*" });
        yield return Raw(T, "accept application/json", HttpMethod.Post, "/graphql", body, "application/json", Ok, new Dictionary<string, string> { ["Accept"] = "application/json" });

        // Encodings: the body is read as it is; compressed or differently encoded bodies are not JSON.
        yield return Raw(T, "gzip content-encoding of a plain body", HttpMethod.Post, "/graphql", body, "application/json", Ok, new Dictionary<string, string> { ["Content-Encoding"] = "gzip" });
        yield return Raw(T, "a gzipped body", HttpMethod.Post, "/graphql", Gzip(body), "application/json", Error(Bad, 400), new Dictionary<string, string> { ["Content-Encoding"] = "gzip" });
        yield return Raw(T, "a UTF-16 body", HttpMethod.Post, "/graphql", Encoding.Unicode.GetBytes("{\"query\":\"{ pilots { totalCount } }\"}"), "application/json", Error(Bad, 400));
        yield return Raw(T, "a UTF-8 BOM", HttpMethod.Post, "/graphql", [0xEF, 0xBB, 0xBF, .. body], "application/json", Ok);
        yield return Raw(T, "invalid UTF-8 in an ignored member", HttpMethod.Post, "/graphql", [.. "{\"query\":\"{ pilots { totalCount } }\", \"x\": \""u8.ToArray(), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()], "application/json", Ok);
        yield return Raw(T, "invalid UTF-8 in the query", HttpMethod.Post, "/graphql", [.. "{\"query\":\"{ search(query: \\\"a"u8.ToArray(), 0xC3, 0x28, 0xFF, .. "\\\") { totalCount } }\"}"u8.ToArray()], "application/json", Error(Bad, 400));
        yield return Raw(T, "invalid UTF-8 in a variable", HttpMethod.Post, "/graphql", [.. "{\"query\":\"query($q: String!) { search(query: $q) { totalCount } }\", \"variables\": {\"q\": \""u8.ToArray(), 0xED, 0xA0, 0x80, .. "\"}}"u8.ToArray()], "application/json", Error(Bad, 400));
        yield return Raw(T, "a NUL byte in the document", HttpMethod.Post, "/graphql", Encoding.UTF8.GetBytes("{\"query\":\"{ pilots\\u0000 { totalCount } }\"}"), "application/json", Error(Parse, 400));

        var bodies = new (string Name, string Json, string Code)[]
        {
            ("empty body", "", Bad), ("whitespace body", "   \n\t ", Bad), ("null", "null", Bad), ("a number", "42", Bad), ("a string", "\"{ pilots { totalCount } }\"", Bad),
            ("true", "true", Bad), ("an empty array", "[]", Bad), ("a batch", "[{\"query\":\"{ pilots { totalCount } }\"}]", Bad), ("an empty object", "{}", Bad),
            ("truncated JSON", "{\"query\":\"{ pilots", Bad), ("trailing garbage", "{\"query\":\"{ pilots { totalCount } }\"} x", Bad), ("single quotes", "{'query':'{ pilots { totalCount } }'}", Bad),
            ("a JSON comment", "{/* c */\"query\":\"{ pilots { totalCount } }\"}", Bad), ("a trailing comma", "{\"query\":\"{ pilots { totalCount } }\",}", Bad),
            ("query is a number", "{\"query\":1}", Bad), ("query is an object", "{\"query\":{}}", Bad), ("query is an array", "{\"query\":[\"{ a }\"]}", Bad),
            ("query is true", "{\"query\":true}", Bad), ("query is null", "{\"query\":null}", Bad), ("query is empty", "{\"query\":\"\"}", Invalid),
            ("variables is a string", "{\"query\":\"{ pilots { totalCount } }\",\"variables\":\"{}\"}", Bad), ("variables is an array", "{\"query\":\"{ pilots { totalCount } }\",\"variables\":[]}", Bad),
            ("variables is a number", "{\"query\":\"{ pilots { totalCount } }\",\"variables\":3}", Bad), ("extensions is a string", "{\"query\":\"{ pilots { totalCount } }\",\"extensions\":\"x\"}", Bad),
            ("operationName is a number", "{\"query\":\"{ pilots { totalCount } }\",\"operationName\":1}", Bad), ("operationName is an object", "{\"query\":\"{ pilots { totalCount } }\",\"operationName\":{}}", Bad),
            ("documentId is a number", "{\"documentId\":1}", Bad), ("documentId is empty", "{\"documentId\":\"\"}", Bad),
            ("an unterminated string", "{\"query\":\"{ pilots { totalCount } }", Bad), ("an invalid escape", "{\"query\":\"{ pilots \\q }\"}", Bad),
            ("half a surrogate pair as a JSON escape in the query", "{\"query\":\"{ pilots { title(x: \\\"\\ud800\\\") } }\"}", Bad),
            ("half a surrogate pair as a JSON escape in a variable", "{\"query\":\"query($q: String!) { search(query: $q) { totalCount } }\",\"variables\":{\"q\":\"a\\udc00b\"}}", Bad),
            ("half a surrogate pair as a GraphQL escape", "{\"query\":\"{ pilots { title(x: \\\"\\\\ud800\\\") } }\"}", Parse),
            ("half a surrogate pair as a GraphQL escape in a filter", "{\"query\":\"{ pilots(where: { title: { eq: \\\"\\\\uDBFF\\\" } }) { totalCount } }\"}", Parse),
            ("deep JSON, 100 arrays", "{\"query\":\"{ pilots { totalCount } }\",\"extensions\":{\"x\":" + Repeat("[", 100) + Repeat("]", 100) + "}}", Bad),
            ("deep JSON, 1000 objects", "{\"query\":\"{ pilots { totalCount } }\",\"variables\":" + Repeat("{\"a\":", 1000) + "1" + Repeat("}", 1000) + "}", Bad),
        };
        foreach (var (name, json, code) in bodies)
            yield return Post(T, name, json, Error(code, 400));
        yield return Post(T, "duplicate query keys (the last wins)", "{\"query\":\"{ nope }\",\"query\":\"{ pilots { totalCount } }\"}", Ok);
        yield return Post(T, "unknown members are ignored", "{\"query\":\"{ pilots { totalCount } }\",\"foo\":[1,2,3],\"bar\":{\"x\":null}}", Ok);
        yield return Post(T, "a megabyte of whitespace", "{\"query\":\"{ pilots { totalCount } }\"" + new string(' ', 1_000_000) + "}", Ok);
        yield return Post(T, "a body over the size limit", "{\"query\":\"{ pilots { totalCount } }\",\"x\":\"" + new string('x', 1_100_000) + "\"}", Error("PAYLOAD_TOO_LARGE", 413));
        yield return Raw(T, "a lying Content-Length", HttpMethod.Post, "/graphql", body, "application/json", Ok, new Dictionary<string, string> { ["Content-Length"] = body.Length.ToString() });

        yield return Get(T, "GET without a query", "", Error(Bad, 400));
        yield return Get(T, "GET with an empty query", "query=", Error(Bad, 400));
        yield return Get(T, "GET with the query twice", Q("{ pilots { totalCount } }") + "&" + Q("{ pilots { totalCount } }"), Error(Bad, 400));
        yield return Get(T, "GET with variables that are not JSON", Q("{ pilots { totalCount } }") + "&variables=%7Bx", Error(Bad, 400));
        yield return Get(T, "GET with variables that are an array", Q("{ pilots { totalCount } }") + "&variables=%5B%5D", Error(Bad, 400));
        yield return Get(T, "GET with operationName twice", Q("query A { pilots { totalCount } }") + "&operationName=A&operationName=A", Error(Bad, 400));
        yield return Get(T, "GET with extensions not JSON", Q("{ pilots { totalCount } }") + "&extensions=nope", Error(Bad, 400));
        yield return Get(T, "GET with a mutation", Q("mutation { x }"), Error("METHOD_NOT_ALLOWED", 405));
        yield return Get(T, "GET with a percent-encoding error", "query=%ZZ%7B", Error(Parse, 400));
        yield return Get(T, "GET of a query", Q("{ pilots { totalCount } }"), Ok);
        yield return Get(T, "GET with variables", Q("query($n: Int) { pilots(first: $n) { totalCount } }") + "&variables=" + Uri.EscapeDataString("{\"n\":2}"), Ok);
        yield return Get(T, "GET of an unknown persisted document", "documentId=" + Uri.EscapeDataString("sha256:" + new string('a', 64)), Error("PERSISTED_DOCUMENT_NOT_FOUND", 400));
        yield return Post(T, "POST of an unknown persisted document", "{\"documentId\":\"sha256:" + new string('0', 64) + "\"}", Error("PERSISTED_DOCUMENT_NOT_FOUND", 400));
        yield return Post(T, "POST of a malformed document id", "{\"documentId\":\"../../etc/passwd\"}", Error("PERSISTED_DOCUMENT_NOT_FOUND", 400));
        yield return Post(T, "a query and a document id", "{\"query\":\"{ pilots { totalCount } }\",\"documentId\":\"sha256:" + new string('0', 64) + "\"}", Error(Bad, 400));
    }

    private static IEnumerable<HostileCase> Syntax()
    {
        const string S = "syntax";
        var broken = new[]
        {
            "{", "}", "{ pilots", "{ pilots { totalCount }", "{ pilots { totalCount } } }", "pilots", "query", "query {", "{ pilots(first: ) { totalCount } }",
            "{ pilots(first 1) { totalCount } }", "{ pilots(: 1) { totalCount } }", "{ \"pilots\" }", "{ pilots { totalCount ",
            "{ search(query: \"unterminated) { totalCount } }", "{ search(query: \"\"\"unterminated block) { totalCount } }", "{ search(query: \"\\x\") { totalCount } }",
            "{ search(query: \"\\u12\") { totalCount } }", "{ search(query: \"line\nbreak\") { totalCount } }", "{ pilots(first: 1.) { totalCount } }", "{ pilots(first: 01) { totalCount } }",
            "{ pilots(first: -) { totalCount } }", "{ pilots(first: 1e) { totalCount } }", "{ pilots(first: 0x10) { totalCount } }", "{ pilots(first: $) { totalCount } }",
            "{ ... }", "{ ...on }", "{ pilots @ { totalCount } }", "{ pilots @skip { totalCount } ", "fragment on Pilot { title }", "fragment F Pilot { title }",
            "query Q($n Int) { pilots(first: $n) { totalCount } }", "query Q($n: ) { pilots { totalCount } }", "query Q($: Int) { pilots { totalCount } }",
            "{ pilots { totalCount } } garbage", "{ pilots { totalCount } } 42", "{ pilots { tot#alCount } }", "\u00a9 { pilots { totalCount } }", "{ pilots { to\u200btalCount } }",
            "{ pilots { totalCount } } }{", "{ [ ] }", "{ pilots(where: { title: { eq: \"x\" } ) { totalCount } }", "{ pilots(where: [ ) { totalCount } }",
            "subscription",
        };
        foreach (var document in broken)
            yield return Query(S, document.Length > 40 ? document[..40] + "…" : document, document, Error(Parse, 400));
        // A document with no operation parses but is not executable.
        foreach (var blank in new[] { " ", "\n\n", "# only a comment", ",,,", "\ufeff", "schema { query: Query }", "type X { a: Int }", "extend type Query { a: Int }", "directive @d on FIELD", "fragment F on Query { __typename }" })
            yield return Query(S, "no operation: " + JsonSerializer.Serialize(blank), blank, Error(Invalid, 400));
        yield return Query(S, "doubled commas are insignificant", "{ pilots(first: 1,, ) { totalCount } }", Ok);
        yield return Query(S, "commas and comments are insignificant", "# hello\n{ ,pilots, { ,totalCount, } } # bye", Ok);
        yield return Query(S, "a block string argument", "{ search(query: \"\"\"Wasser\"\"\", first: 1) { totalCount } }", Ok);
        yield return Query(S, "unicode escapes in a string", "{ search(query: \"B\\u00fcrger\", first: 1) { totalCount } }", Ok);
        yield return Query(S, "a document nested 300 levels", "{ pilots(where: " + Repeat("{ and: [", 300) + "{}" + Repeat("] }", 300) + ") { totalCount } }", Error(Parse, 400));
        yield return Query(S, "braces nested 2,000 deep", Repeat("{ a ", 2_000) + Repeat("}", 2_000), Error(Parse, 400));
    }

    private static IEnumerable<HostileCase> Validation()
    {
        const string V = "validation";
        var invalid = new (string Name, string Query)[]
        {
            ("an unknown root field", "{ nope }"), ("an unknown nested field", "{ pilots { nodes { nope } } }"), ("a scalar with a selection", "{ pilots { totalCount { x } } }"),
            ("an object without a selection", "{ pilots }"), ("an unknown argument", "{ pilots(nope: 1) { totalCount } }"), ("a string for an Int", "{ pilots(first: \"10\") { totalCount } }"),
            ("a float for an Int", "{ pilots(first: 1.5) { totalCount } }"), ("an Int beyond 32 bits", "{ pilots(first: 99999999999) { totalCount } }"), ("a missing required argument", "{ node { id } }"),
            ("null for a non-null argument", "{ node(id: null) { id } }"), ("an unknown enum value", "{ search(query: \"x\", kinds: [NOPE]) { totalCount } }"), ("a string for an enum", "{ search(query: \"x\", kinds: [\"PILOT\"]) { totalCount } }"),
            ("an undefined variable", "{ pilots(first: $n) { totalCount } }"), ("an unused variable", "query($n: Int) { pilots { totalCount } }"), ("a variable of the wrong type", "query($n: String) { pilots(first: $n) { totalCount } }"),
            ("a variable of an output type", "query($n: Pilot) { pilots { totalCount } }"), ("a duplicated variable", "query($n: Int, $n: Int) { pilots(first: $n) { totalCount } }"),
            ("an unknown fragment", "{ ...Nope }"), ("an unused fragment", "{ pilots { totalCount } } fragment F on Pilot { title }"), ("a fragment on an unknown type", "{ ...F } fragment F on Nope { a }"),
            ("a fragment on a scalar", "{ ...F } fragment F on String { a }"), ("a fragment that cannot apply", "{ pilots { nodes { ... on Event { startDate } } } }"),
            ("a fragment spread in itself", "{ pilots { nodes { ...F } } } fragment F on Pilot { lead { ...G } } fragment G on Organisation { pilots { nodes { ...F } } }"),
            ("two operations with one name", "query A { pilots { totalCount } } query A { events { totalCount } }"), ("an anonymous operation among others", "{ pilots { totalCount } } query B { events { totalCount } }"),
            ("an unknown directive", "{ pilots @nope { totalCount } }"), ("@skip without if", "{ pilots @skip { totalCount } }"), ("@include with a string", "{ pilots @include(if: \"yes\") { totalCount } }"),
            ("@skip repeated", "{ pilots @skip(if: false) @skip(if: false) { totalCount } }"), ("@deprecated on a field", "{ pilots @deprecated { totalCount } }"),
            ("conflicting fields", "{ a: pilots(first: 1) { totalCount } a: pilots(first: 2) { totalCount } }"),
            ("same alias for different fields", "{ x: pilots { totalCount } x: events { totalCount } }"), ("an introspection typo", "{ __schema { nope } }"), ("__type without a name", "{ __type { name } }"),
            ("an input object with an unknown field", "{ pilots(where: { nope: { eq: 1 } }) { totalCount } }"), ("a list for an object", "{ pilots(where: [1, 2]) { totalCount } }"),
            ("a duplicated input field", "{ pilots(where: { title: { eq: \"a\" }, title: { eq: \"b\" } }) { totalCount } }"), ("a duplicated argument", "{ pilots(first: 1, first: 2) { totalCount } }"),
            ("nested lists for an Int", "{ pilots(first: " + Repeat("[", 60) + "1" + Repeat("]", 60) + ") { totalCount } }"),
        };
        foreach (var (name, query) in invalid)
            yield return Query(V, name, query, Error(Invalid, 400));
        // GraphQL.NET finds a missing root type while executing: data null, status 200.
        yield return Query(V, "a subscription", "subscription { pilots { totalCount } }", Error(Invalid));
        yield return Query(V, "a mutation of nothing", "mutation { nope }", Error(Invalid));
        yield return Query(V, "an unknown operation name", "query A { pilots { totalCount } }", Error(Invalid, 400), operationName: "B");
        yield return Query(V, "two operations and no name", "query A { pilots { totalCount } } query B { events { totalCount } }", Error(Invalid, 400));
        yield return Query(V, "a variable of the wrong JSON type", "query($n: Int) { pilots(first: $n) { totalCount } }", Error(Invalid, 400), variables: new { n = "ten" });
        yield return Query(V, "a missing required variable", "query($id: ID!) { node(id: $id) { id } }", Error(Invalid, 400), variables: new { });
        yield return Query(V, "an object for an ID variable", "query($id: ID!) { node(id: $id) { id } }", Error(Invalid, 400), variables: new { id = new { a = 1 } });
        yield return Query(V, "an unknown field in an input variable", "query($w: PilotFilterInput) { pilots(where: $w) { totalCount } }", Error(Invalid, 400), variables: new { w = new { nope = 1 } });
        yield return Query(V, "a huge number as a variable", "query($n: Int) { pilots(first: $n) { totalCount } }", Error(Invalid, 400), variables: new { n = 1e300 });
        yield return Post(V, "a 10,000-digit number as a variable", "{\"query\":\"query($n: Int) { pilots(first: $n) { totalCount } }\",\"variables\":{\"n\":1" + new string('0', 10_000) + "}}", Error(Invalid, 400));
        yield return Post(V, "a 10,000-digit float as a variable", "{\"query\":\"query($n: Float) { __typename }\",\"variables\":{\"n\":1." + new string('1', 10_000) + "}}", Error(Invalid, 400));
        yield return Query(V, "extra variables are ignored", "{ pilots { totalCount } }", Ok, variables: new { unused = new[] { 1, 2, 3 } });
        yield return Query(V, "__typename at the root", "{ __typename }", Ok);
        yield return Query(V, "a named operation chosen by name", "query A { pilots { totalCount } } query B { events { totalCount } }", Ok, operationName: "B");
        yield return Query(V, "@skip(if: true) on everything", "{ pilots @skip(if: true) { totalCount } }", Ok);
        yield return Query(V, "an introspection query", "{ __schema { queryType { name } types { name kind } } }", Ok);
    }

    private static IEnumerable<HostileCase> Exhaustion()
    {
        const string E = "exhaustion";
        yield return Query(E, "the 50,000-field document", "{ events { totalCount " + Repeat("totalCount ", 50_000) + "} }", Error(TooLarge, 400));
        yield return Query(E, "20,000 tokens", "{ " + string.Join(' ', Enumerable.Range(0, 10_000).Select(i => "a" + i + ": __typename")) + " }", Error(TooLarge, 400));
        yield return Query(E, "2,001 distinct aliases", "{ " + string.Join(' ', Enumerable.Range(0, 2_001).Select(i => "a" + i + ": __typename")) + " }", Error(TooLarge, 400));
        yield return Query(E, "1,000 distinct aliases (allowed)", "{ " + string.Join(' ', Enumerable.Range(0, 1_000).Select(i => "a" + i + ": __typename")) + " }", Ok);
        yield return Query(E, "31 repeats of one field", "{ " + Repeat("__typename ", 31) + "}", Error(TooLarge, 400));
        yield return Query(E, "one alias over 600 differing arguments", "{ " + string.Join(' ', Enumerable.Range(1, 600).Select(i => $"a: pilots(first: {i}) {{ totalCount }}")) + " }", Error(TooLarge, 400));
        yield return Query(E, "one alias over 1,000 identical fields", "{ " + Repeat("a: pilots(first: 1) { totalCount } ", 1_000) + "}", Error(TooLarge, 400));
        for (var n = 10; n <= 40; n += 10)
            yield return Query(E, $"fragments spread into each other, 2^{n} fields", "{ ...F0 } " + string.Concat(Enumerable.Range(0, n).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }} ")) + $"fragment F{n} on Query {{ __typename }}", Error(TooLarge, 400));
        yield return Query(E, "400 fragments in one selection set", "{ pilots { " + string.Join(' ', Enumerable.Range(0, 400).Select(i => "...F" + i)) + " } } "
            + string.Concat(Enumerable.Range(0, 400).Select(i => $"fragment F{i} on PilotsConnection {{ a{i}: totalCount }} ")), Error(TooLarge, 400));
        yield return Query(E, "1,000 inline fragments", "{ " + Repeat("... on Query { __typename } ", 1_000) + "}", Error(TooLarge, 400));
        yield return Query(E, "depth 40", "{ phases(first: 1) { nodes { " + Repeat("parent { ", 40) + "title" + Repeat(" }", 40) + " } } }", Error(Depth, 400));
        yield return Query(E, "depth through fragments", "{ phases(first: 1) { nodes { ...P0 } } } " + string.Concat(Enumerable.Range(0, 20).Select(i => $"fragment P{i} on Phase {{ parent {{ ...P{i + 1} }} }} ")) + "fragment P20 on Phase { title }", Error(Depth, 400));
        yield return Query(E, "cost: three nested pages of 100", "{ organisations(first: 100) { nodes { events(first: 100) { nodes { organisers { events(first: 100) { nodes { title } } } } } } } }", Error(Cost, 400));
        yield return Query(E, "cost: first: 1000000", "{ events(first: 1000000) { nodes { title } } }", Error(Cost, 400));
        yield return Query(E, "cost: 100 aliases of big pages", "{ " + string.Join(' ', Enumerable.Range(0, 100).Select(i => $"a{i}: events(first: 100) {{ nodes {{ title organisers {{ title }} }} }}")) + " }", Error(Cost, 400));
        yield return Query(E, "breadth: nodes with 5,000 ids", "{ nodes(ids: [" + string.Join(',', Enumerable.Repeat("\"" + PilotId + "\"", 5_000)) + "]) { id } }", Expectation.AnyOf(null, Cost, TooLarge, InvalidInput));
        yield return Query(E, "1,000 directives on one field", "{ __typename " + Repeat("@skip(if: false) ", 1_000) + "}", Expectation.AnyOf(400, Invalid, TooLarge));
        yield return Query(E, "200 @include on 200 fields", "{ " + string.Join(' ', Enumerable.Range(0, 200).Select(i => $"a{i}: __typename @include(if: true)")) + " }", Ok);
        yield return Query(E, "a 900 KB string argument", "{ search(query: \"" + new string('a', 900_000) + "\") { totalCount } }", Error(InvalidInput));
        yield return Query(E, "a 900 KB string in an unused position", "{ __typename } # " + new string('x', 900_000), Ok);
        yield return Query(E, "a 900 KB comment-free block string", "{ search(query: \"\"\"" + new string('b', 900_000) + "\"\"\") { totalCount } }", Error(InvalidInput));
        yield return Query(E, "a 500,000-digit number", "{ pilots(first: 1" + new string('0', 500_000) + ") { totalCount } }", Error(TooLarge, 400));
        yield return Query(E, "a 101-digit number", "{ pilots(first: 1" + new string('0', 100) + ") { totalCount } }", Error(TooLarge, 400));
        yield return Query(E, "a float of 1e400", "{ pilots(first: 1e400) { totalCount } }", Error(Invalid, 400));
        yield return Query(E, "a negative zero", "{ pilots(first: -0) { totalCount } }", Ok);
        yield return Query(E, "a 100,000-character alias", "{ " + new string('a', 100_000) + ": __typename }", Ok);
        yield return Query(E, "a 100,000-character field name", "{ " + new string('a', 100_000) + " }", Error(Invalid, 400));
        yield return Query(E, "a 100,000-character operation name", "query " + new string('q', 100_000) + " { __typename }", Ok);
        yield return Query(E, "a 100,000-character variable name", "query($" + new string('v', 100_000) + ": Int) { __typename }", Error(Invalid, 400));
        yield return Query(E, "deep variables within the JSON limit", "query($w: PilotFilterInput) { pilots(where: $w) { totalCount } }", Ok,
            variables: JsonSerializer.Deserialize<JsonElement>(Repeat("{\"and\": [", 25) + "{}" + Repeat("]}", 25)));
        // Regression: 100 alternatives were an INTERNAL_SERVER_ERROR (SQLite's expression depth), 10,000 crashed the process.
        foreach (var n in new[] { 100, 300 })
            yield return Query(E, $"an or-list of {n} in a variable", "query($w: PilotFilterInput) { pilots(where: $w) { totalCount } }", Ok,
                variables: new { w = new { or = Enumerable.Range(0, n).Select(i => new { title = new { eq = "t" + i } }).ToArray() } });
        foreach (var n in new[] { 1_000, 10_000 })
            yield return Query(E, $"an or-list of {n} in a variable", "query($w: PilotFilterInput) { pilots(where: $w) { totalCount } }", Error(InvalidInput),
                variables: new { w = new { or = Enumerable.Range(0, n).Select(i => new { title = new { eq = "t" + i } }).ToArray() } });
        yield return Query(E, "an and-list of 5,000 in a variable", "query($w: EventFilterInput) { events(where: $w) { totalCount } }", Error(InvalidInput),
            variables: new { w = new { and = Enumerable.Range(0, 5_000).Select(i => new { title = new { neq = "t" + i } }).ToArray() } });
        yield return Query(E, "an in-list of 900 strings in a variable", "query($w: PilotFilterInput) { pilots(where: $w) { totalCount } }", Ok,
            variables: new { w = new { title = new { @in = Enumerable.Range(0, 900).Select(i => "t" + i).ToArray() } } });
        yield return Query(E, "an in-list of 20,000 strings in a variable", "query($w: PilotFilterInput) { pilots(where: $w) { totalCount } }", Error(InvalidInput),
            variables: new { w = new { title = new { @in = Enumerable.Range(0, 20_000).Select(i => "t" + i).ToArray() } } });
        yield return Query(E, "a status in-list of 5,000", "query($w: EventFilterInput) { events(where: $w) { totalCount } }", Error(InvalidInput),
            variables: new { w = new { status = new { @in = Enumerable.Repeat("FINISHED", 5_000).ToArray() } } });
        yield return Query(E, "a variable of 30,000 ids", "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", Expectation.AnyOf(null, Cost, InvalidInput),
            variables: new { ids = Enumerable.Repeat(PilotId, 30_000).ToArray() });
        yield return Query(E, "search with 1,000 words", "{ search(query: \"" + string.Join(' ', Enumerable.Range(0, 1_000).Select(i => "w" + i)) + "\") { totalCount } }", Error(InvalidInput));
        yield return Query(E, "paths with maxHops 1,000", "{ paths(from: \"" + PilotId + "\", to: \"" + PilotId + "\", maxHops: 1000) { length } }", Error(InvalidInput));
        yield return Query(E, "graph with depth 1,000", "{ graph(ids: [\"" + PilotId + "\"], depth: 1000) { truncated } }", Error(InvalidInput));
        yield return Query(E, "graph with limit 1,000,000", "{ graph(ids: [\"" + PilotId + "\"], limit: 1000000) { truncated } }", Expectation.AnyOf(null, InvalidInput, Cost));
    }

    private static IEnumerable<HostileCase> Ids()
    {
        const string I = "ids";
        var garbage = new[]
        {
            "", " ", "x", "!!!", "====", "not base64", "UGlsb3Q", "UGlsb3Q6", B64("Pilot"), B64(":smart-water"), B64("Nope:smart-water"), B64("pilot:smart-water"),
            B64("Pilot:smart-water:extra") + "%", B64("\u0000:\u0000"), B64(new string('x', 10_000)), new string('A', 100_000), "💥", "../../etc/passwd", "' OR 1=1 --",
            "null", "undefined", "0", "-1", "UGlsb3Q6c21hcnQtd2F0ZXI", "UGlsb3Q6c21hcnQtd2F0ZXI===",
        };
        foreach (var id in garbage)
            yield return Query(I, "node(id: " + (id.Length > 30 ? id[..30] + "…" : id) + ")", "query($id: ID!) { node(id: $id) { id } }", Expectation.AnyOf(null, InvalidId, "NOT_FOUND"), variables: new { id });
        yield return Query(I, "a well-formed id of an entity that does not exist", "query($id: ID!) { node(id: $id) { id } }", Ok, variables: new { id = B64("Pilot:does-not-exist") });
        // A relation is a node too (editing reads and writes it by id); a well-formed relation id naming nothing answers null.
        yield return Query(I, "a well-formed id of a relation that does not exist", "query($id: ID!) { node(id: $id) { id } }", Ok, variables: new { id = B64("Relation:x") });
        yield return Query(I, "an id with SQL in its key", "query($id: ID!) { node(id: $id) { id } }", Ok, variables: new { id = B64("Pilot:' OR 1=1 --") });
        yield return Query(I, "an id with a 500-digit key", "query($id: ID!) { node(id: $id) { id } }", Ok, variables: new { id = B64("Event:" + new string('9', 500)) });
        yield return Query(I, "a real id", "query($id: ID!) { node(id: $id) { id } }", Ok, variables: new { id = PilotId });
        yield return Query(I, "a number for an ID", "{ node(id: 12345) { id } }", Expectation.AnyOf(null, InvalidId, "NOT_FOUND"));
        yield return Query(I, "nodes with good and bad ids", "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", Error(InvalidId), variables: new { ids = new[] { PilotId, "bad", B64("Nope:x") } });
        yield return Query(I, "nodes with no ids", "{ nodes(ids: []) { id } }", Ok);
        yield return Query(I, "nodes with null in the list", "{ nodes(ids: [null]) { id } }", Error(Invalid, 400));
        yield return Query(I, "graph from a bad id", "{ graph(ids: [\"bad\"]) { truncated } }", Error(InvalidId));
        yield return Query(I, "paths between bad ids", "{ paths(from: \"bad\", to: \"worse\") { length } }", Error(InvalidId));
        yield return Query(I, "paths to itself", "{ paths(from: \"" + PilotId + "\", to: \"" + PilotId + "\") { length } }", Expectation.AnswerOr(InvalidInput));
    }

    private static IEnumerable<HostileCase> Cursors()
    {
        const string C = "cursors";
        var cursors = new[] { "", "x", "!!!", B64("nonsense"), B64("{}"), B64("[]"), B64("{\"k\":\"" + new string('x', 5_000) + "\"}"), new string('A', 50_000), B64("\u0000\u0001"), "null", "💥", B64("cursor:999999999999999999999") };
        foreach (var cursor in cursors)
        {
            var shown = cursor.Length > 24 ? cursor[..24] + "…" : cursor;
            yield return Query(C, "after: " + shown, "query($c: String) { events(first: 2, after: $c) { nodes { title } } }", Error(InvalidInput), variables: new { c = cursor });
            yield return Query(C, "before: " + shown, "query($c: String) { events(last: 2, before: $c) { nodes { title } } }", Error(InvalidInput), variables: new { c = cursor });
            yield return Query(C, "nested after: " + shown, "query($c: String) { phases(first: 2) { nodes { events(first: 2, after: $c) { totalCount } } } }", Error(InvalidInput), variables: new { c = cursor });
        }
        yield return Query(C, "first: -1", "{ events(first: -1) { totalCount } }", Expectation.AnyOf(null, InvalidInput, PageSize));
        yield return Query(C, "last: -5", "{ events(last: -5) { totalCount } }", Expectation.AnyOf(null, InvalidInput, PageSize));
        yield return Query(C, "first: 101", "{ events(first: 101) { nodes { title } } }", Error(PageSize));
        yield return Query(C, "last: 101", "{ events(last: 101) { nodes { title } } }", Error(PageSize));
        yield return Query(C, "first: 0", "{ events(first: 0) { totalCount } }", Ok);
        yield return Query(C, "first and last together", "{ events(first: 2, last: 2) { totalCount } }", Expectation.AnyOf(null, InvalidInput));
        yield return Query(C, "first: 2147483647", "{ events(first: 2147483647) { totalCount } }", Expectation.AnyOf(null, Cost, PageSize));
        yield return Query(C, "search after a bad cursor", "{ search(query: \"Wasser\", first: 2, after: \"bad\") { totalCount } }", Error(InvalidInput));
        yield return Query(C, "search with first: 1000", "{ search(query: \"Wasser\", first: 1000) { totalCount } }", Expectation.AnyOf(null, PageSize, Cost));
        yield return Query(C, "relations after a bad cursor", "{ node(id: \"" + PilotId + "\") { ... on Pilot { relations(first: 2, after: \"bad\") { totalCount } } } }", Error(InvalidInput));
    }

    private static IEnumerable<HostileCase> Filters()
    {
        const string F = "filters";
        var invalid = new (string Name, string Where)[]
        {
            ("a bad date", "{ startDate: { eq: \"2021-13-45\" } }"), ("a date with a time", "{ startDate: { gt: \"2021-01-01T00:00:00\" } }"), ("a number for a date", "{ startDate: { eq: 20210101 } }"),
            ("an unknown enum", "{ status: { eq: SOMETIMES } }"), ("contains on an enum", "{ status: { contains: \"FIN\" } }"), ("gt on a string", "{ title: { gt: \"a\" } }"),
            ("an unknown operator", "{ title: { like: \"%a%\" } }"), ("an unknown relation", "{ sponsors: { some: { title: { eq: \"x\" } } } }"), ("some on a scalar", "{ title: { some: { eq: \"x\" } } }"),
            ("a list for eq", "{ title: { eq: [\"a\"] } }"), ("an object for in", "{ title: { in: { a: 1 } } }"),
        };
        foreach (var (name, where) in invalid)
            yield return Query(F, name, "{ events(where: " + where + ") { totalCount } }", Expectation.AnyOf(400, Invalid, InvalidInput));
        var valid = new (string Name, string Where)[]
        {
            ("an empty filter", "{}"), ("empty and", "{ and: [] }"), ("empty or", "{ or: [] }"), ("null operators", "{ title: { eq: null } }"), ("SQL in a string", "{ title: { eq: \"'; DROP TABLE Entities; --\" } }"),
            ("LIKE wildcards in contains", "{ title: { contains: \"%_%\" } }"), ("a backslash in startsWith", "{ title: { startsWith: \"\\\\\" } }"), ("quotes in endsWith", "{ title: { endsWith: \"\\\"\" } }"),
            ("unicode in contains", "{ title: { contains: \"Bürger💥\" } }"), ("a NUL in contains", "{ title: { contains: \"\\u0000\" } }"), ("a 10,000-character contains", "{ title: { contains: \"" + new string('z', 10_000) + "\" } }"),
            ("a single object for a list (coerced to one item)", "{ and: { title: { eq: \"a\" } } }"), ("an in-list of 900", "{ title: { in: [" + string.Join(',', Enumerable.Range(0, 900).Select(i => "\"t" + i + "\"")) + "] } }"), ("nin of nothing", "{ title: { nin: [] } }"),
            ("a year 9999 date", "{ startDate: { lt: \"9999-12-31\" } }"), ("a year 0001 date", "{ startDate: { gt: \"0001-01-01\" } }"), ("some of some", "{ organisers: { some: { events: { some: { title: { contains: \"a\" } } } } } }"),
            ("all and none", "{ organisers: { all: { type: { eq: CIVIL_SOCIETY } }, none: { type: { eq: BUSINESS } } } }"), ("any false", "{ organisers: { any: false } }"),
            ("or nested 20 deep", Repeat("{ or: [", 20) + "{ title: { contains: \"a\" } }" + Repeat("] }", 20)), ("a to-one relation", "{ phase: { title: { contains: \"Stufe\" } } }"),
        };
        foreach (var (name, where) in valid)
            yield return Query(F, name, "{ events(where: " + where + ") { totalCount } }", Ok);
        yield return Query(F, "order by an unknown field", "{ events(order: [{ nope: ASC }]) { totalCount } }", Error(Invalid, 400));
        yield return Query(F, "order with two fields in one item", "{ events(order: [{ title: ASC, startDate: DESC }]) { nodes { title } } }", Expectation.AnyOf(null, InvalidInput, Invalid));
        yield return Query(F, "order by an enum", "{ events(order: [{ status: ASC }]) { totalCount } }", Error(Invalid, 400));
        yield return Query(F, "an empty order item", "{ events(order: [{}]) { nodes { title } } }", Expectation.AnyOf(null, InvalidInput, Invalid));
        yield return Query(F, "an order list of 500", "{ events(order: [" + string.Join(',', Enumerable.Repeat("{ title: ASC }", 500)) + "]) { nodes { title } } }", Expectation.AnyOf(null, InvalidInput, Invalid));
        yield return Query(F, "order by many keys", "{ events(first: 5, order: [{ startDate: DESC }, { title: ASC }, { endDate: ASC }]) { nodes { title } } }", Ok);
        yield return Query(F, "facets on a nested list", "{ pilots { nodes { events { facets { status { value count } } } } } }", Error(InvalidInput));
        yield return Query(F, "a timeline backwards", "{ timeline(from: \"2022-12-31\", to: \"2020-01-01\") { lane } }", Expectation.AnswerOr(InvalidInput));
        yield return Query(F, "search with only punctuation", "{ search(query: \"*:^()\") { totalCount } }", Error(InvalidInput));
        yield return Query(F, "search with FTS syntax", "{ search(query: \"Wasser NEAR/2 OR \\\"x\\\" AND NOT y*\", first: 3) { totalCount } }", Ok);
        yield return Query(F, "search with an empty string", "{ search(query: \"\") { totalCount } }", Error(InvalidInput));
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest))
            gzip.Write(bytes);
        return buffer.ToArray();
    }
}
