using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Editing;

namespace SmartCityGraph.Server.ParticipationStrands;

/// <summary>What editors set on a participation strand: its title and summary (createParticipationStrand, updateParticipationStrand).</summary>
internal static class ParticipationStrandEditing
{
    public static readonly EntityEditing<ParticipationStrand> Fields =
        new("ParticipationStrand", typeof(ParticipationStrandGraphType), () => new ParticipationStrand { Key = "", Title = "" });
}
