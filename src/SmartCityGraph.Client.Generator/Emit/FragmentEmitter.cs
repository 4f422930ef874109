using System.Collections.Generic;
using SmartCityGraph.Client.Generator.Analysis;

namespace SmartCityGraph.Client.Generator.Emit;

/// <summary>Writes an interface per named fragment of scalar and enum fields (<c>IEntityRef</c>).</summary>
internal static class FragmentEmitter
{
    public static GeneratedFile? Emit(IReadOnlyList<FragmentInterfaceModel> fragments, TypeMapper types, string ns, string clientName)
    {
        if (fragments.Count == 0)
        {
            return null;
        }

        var code = GeneratedFileHeader.Start(ns);
        foreach (var fragment in fragments)
        {
            code.Line("/// <summary>The fragment " + fragment.Name + " on " + fragment.TypeCondition + ": every result type that spreads it implements this.</summary>");
            code.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"SmartCityGraph.Client.Generator\", \"1.0\")]");
            code.Open("public partial interface I" + fragment.Name);
            foreach (var field in fragment.Fields)
            {
                code.Line(types.CSharpType(field.Type) + " " + Naming.Pascal(field.ResponseName) + " { get; }");
            }

            code.Close();
            code.Line();
        }

        return new GeneratedFile(clientName + ".Fragments.g.cs", code.ToString().TrimEnd('\n') + "\n");
    }
}
