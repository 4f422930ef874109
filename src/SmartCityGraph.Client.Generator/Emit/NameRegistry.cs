using System.Collections.Generic;

namespace SmartCityGraph.Client.Generator.Emit;

/// <summary>Hands out type names, numbering a name that is taken already ("X", "X2", ...).</summary>
internal sealed class NameRegistry
{
    private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal);

    public string Reserve(string desired)
    {
        var name = desired;
        for (var i = 2; !_taken.Add(name); i++)
        {
            name = desired + i;
        }

        return name;
    }
}
