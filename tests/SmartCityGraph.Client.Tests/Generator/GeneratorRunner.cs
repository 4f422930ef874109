using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SmartCityGraph.Client.Generator;

namespace SmartCityGraph.Client.Tests.Generator;

/// <summary>Runs the client generator in-process, as the compiler would, on .graphql texts.</summary>
internal static class GeneratorRunner
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    /// <param name="userCode">C# compiled with the generated code, as a user would write it against the client.</param>
    /// <param name="buildProperties">Further MSBuild properties the generator sees (e.g. ImplicitUsings).</param>
    public static GeneratorRun Run(
        IEnumerable<(string Path, string Text)> files, string? clientName = null, string rootNamespace = "Demo",
        string userCode = "namespace Demo; public static class Anchor { }", IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        var compilation = CSharpCompilation.Create(
            "Demo",
            [CSharpSyntaxTree.ParseText(userCode, new CSharpParseOptions(LanguageVersion.Latest))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var options = new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace };
        if (clientName is not null)
        {
            options["build_property.SmartCityClientName"] = clientName;
        }

        foreach (var (name, value) in buildProperties ?? new Dictionary<string, string>())
        {
            options["build_property." + name] = value;
        }

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new GraphQLClientGenerator().AsSourceGenerator()],
            files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)),
            new CSharpParseOptions(LanguageVersion.Latest),
            new OptionsProvider(options));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        var result = driver.GetRunResult().Results.Single();
        return new GeneratorRun(
            result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => (s.HintName, s.SourceText.ToString())).ToList(),
            generatorDiagnostics,
            output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList(),
            output);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class OptionsProvider(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

/// <summary>What one generator run produced: sources, the generator's diagnostics, and compile errors of the result.</summary>
internal sealed record GeneratorRun(
    IReadOnlyList<(string HintName, string Text)> Sources,
    ImmutableArray<Diagnostic> Diagnostics,
    IReadOnlyList<Diagnostic> CompileErrors,
    Compilation Output)
{
    /// <summary>Compiles the generated code with the user code and loads it, so a test can run what was generated.</summary>
    public Assembly Load()
    {
        using var image = new MemoryStream();
        var emitted = Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        // A context of its own per run: every run names its assembly "Demo".
        return new AssemblyLoadContext(null, isCollectible: true).LoadFromStream(new MemoryStream(image.ToArray()));
    }

    /// <summary>All generated files in one text, each under its name: the snapshot.</summary>
    public string AllSources() =>
        string.Join("\n", Sources.Select(s => "// ===== " + s.HintName + " =====\n" + s.Text.Replace("\r\n", "\n")));
}
