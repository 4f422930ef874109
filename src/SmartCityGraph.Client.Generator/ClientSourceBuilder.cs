using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SmartCityGraph.Client.Generator.Analysis;
using SmartCityGraph.Client.Generator.Documents;
using SmartCityGraph.Client.Generator.Emit;
using SmartCityGraph.Client.Generator.Schema;

namespace SmartCityGraph.Client.Generator;

/// <summary>
/// The generator's work without Roslyn's plumbing: .graphql files in, generated sources and
/// diagnostics out. Any error means no client at all, so the build stops at the first real cause.
/// </summary>
internal static class ClientSourceBuilder
{
    public static (IReadOnlyList<GeneratedFile> Files, IReadOnlyList<Diagnostic> Diagnostics) Build(IReadOnlyList<SourceFile> files, GeneratorSettings settings)
    {
        var diagnostics = new DiagnosticSink();
        var none = new List<GeneratedFile>();
        if (files.Count == 0)
        {
            return (none, diagnostics.All);
        }

        var schemaFiles = files.Where(f => f.IsSchema).ToList();
        if (schemaFiles.Count == 0)
        {
            diagnostics.Report(Diagnostics.SchemaMissing, Location.None, files.Count);
            return (none, diagnostics.All);
        }

        var schemaFile = schemaFiles.OrderBy(f => f.Path, System.StringComparer.Ordinal).First();
        var schemaDocument = DocumentParser.Parse(schemaFile, diagnostics);
        var operationDocuments = files
            .Where(f => !f.IsSchema)
            .OrderBy(f => f.Path, System.StringComparer.Ordinal)
            .Select(f => DocumentParser.Parse(f, diagnostics))
            .Where(d => d is not null)
            .Select(d => d!)
            .ToList();
        var schema = schemaDocument is null ? null : SchemaReader.Read(schemaDocument, diagnostics);
        if (schema is null || diagnostics.HasErrors)
        {
            return (none, diagnostics.All);
        }

        var analysis = OperationAnalyzer.Analyze(schema, operationDocuments, diagnostics);
        var operations = analysis.Operations;
        if (diagnostics.HasErrors)
        {
            return (none, diagnostics.All);
        }

        var types = new TypeMapper(schema);
        var watchable = Watching.IsSupportedBy(schema);
        var generated = new List<GeneratedFile>
        {
            ClientEmitter.EmitClient(operations, settings.Namespace, settings.ClientName, watchable),
            ClientEmitter.EmitRegistration(operations, settings.Namespace, settings.ClientName, watchable),
        };
        if (settings.GlobalUsing)
        {
            generated.Add(ClientEmitter.EmitGlobalUsing(settings.Namespace, settings.ClientName));
        }

        generated.AddRange(operations.Select(o => OperationEmitter.Emit(o, schema, types, settings.Namespace, settings.ClientName, watchable)));
        generated.Add(PersistedDocumentsEmitter.Emit(operations, settings.Namespace, settings.ClientName, watchable));
        if (FragmentEmitter.Emit(analysis.FragmentInterfaces, types, settings.Namespace, settings.ClientName) is { } fragments)
        {
            generated.Add(fragments);
        }

        // Last: the operations and fragments decide which enums and input objects are needed.
        if (SchemaTypesEmitter.Emit(schema, types, settings.Namespace, settings.ClientName) is { } schemaTypes)
        {
            generated.Add(schemaTypes);
        }

        return (generated, diagnostics.All);
    }
}
