using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SmartCityGraph.Client.Generator.Documents;

/// <summary>Collects the diagnostics of one generator run.</summary>
internal sealed class DiagnosticSink
{
    private readonly List<Diagnostic> _diagnostics = new();

    public IReadOnlyList<Diagnostic> All => _diagnostics;

    public bool HasErrors { get; private set; }

    public void Report(DiagnosticDescriptor descriptor, Location location, params object[] arguments)
    {
        HasErrors |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
        _diagnostics.Add(Diagnostic.Create(descriptor, location, arguments));
    }
}
