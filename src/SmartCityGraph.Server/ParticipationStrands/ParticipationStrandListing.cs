using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.ParticipationStrands;

internal static class ParticipationStrandListing
{
    public static readonly EntityListing<ParticipationStrand> Fields = EntityListing<ParticipationStrand>.Create("ParticipationStrand");
}
