using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SmartCityGraph.Client.Generator.Documents;

namespace SmartCityGraph.Client.Generator;

/// <summary>
/// Generates a typed GraphQL client from the project's .graphql AdditionalFiles: <c>schema.graphql</c>
/// is the schema, every other file holds operations (and fragments).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GraphQLClientGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(text => text.Path.EndsWith(".graphql", System.StringComparison.OrdinalIgnoreCase))
            .Select((text, cancellationToken) => new SourceFile(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .Collect()
            .Select((all, _) => new EquatableFiles(all.OrderBy(f => f.Path, System.StringComparer.Ordinal).ToImmutableArray()));

        var settings = context.AnalyzerConfigOptionsProvider.Select((options, _) =>
        {
            options.GlobalOptions.TryGetValue("build_property.SmartCityClientName", out var clientName);
            options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var rootNamespace);
            options.GlobalOptions.TryGetValue("build_property.ImplicitUsings", out var implicitUsings);
            options.GlobalOptions.TryGetValue("build_property.SmartCityClientImplicitUsings", out var clientImplicitUsings);
            return GeneratorSettings.From(clientName, rootNamespace, implicitUsings, clientImplicitUsings);
        });

        context.RegisterSourceOutput(files.Combine(settings), static (output, input) =>
        {
            var (generated, diagnostics) = ClientSourceBuilder.Build(input.Left.Files, input.Right);
            foreach (var diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic);
            }

            foreach (var file in generated)
            {
                output.AddSource(file.HintName, SourceText.From(file.Text, System.Text.Encoding.UTF8));
            }
        });
    }

    /// <summary>The collected files, equal when every file is: unchanged documents do not regenerate.</summary>
    private sealed class EquatableFiles : System.IEquatable<EquatableFiles>
    {
        public EquatableFiles(ImmutableArray<SourceFile> files) => Files = files;

        public ImmutableArray<SourceFile> Files { get; }

        public bool Equals(EquatableFiles? other) => other is not null && Files.SequenceEqual(other.Files);

        public override bool Equals(object? obj) => Equals(obj as EquatableFiles);

        public override int GetHashCode() => Files.Length;
    }
}
