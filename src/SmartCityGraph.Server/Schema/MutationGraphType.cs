using GraphQL.Types;
using SmartCityGraph.Server.Collections;
using SmartCityGraph.Server.Documents;
using SmartCityGraph.Server.Editing;
using SmartCityGraph.Server.EventSeries;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.History;
using SmartCityGraph.Server.Organisations;
using SmartCityGraph.Server.ParticipationStrands;
using SmartCityGraph.Server.Phases;
using SmartCityGraph.Server.Pilots;
using SmartCityGraph.Server.Relations;
using SmartCityGraph.Server.Results;
using SmartCityGraph.Server.Strategies;
using SmartCityGraph.Server.StrategyElements;
using SmartCityGraph.Server.Terms;

namespace SmartCityGraph.Server.Schema;

/// <summary>
/// Editing, in HotChocolate's mutation conventions: every change needs a signed-in editor (deletes and reverts an admin),
/// cites at least one source and is recorded as a revision in the same transaction.
/// </summary>
public sealed class MutationGraphType : ObjectGraphType
{
    public MutationGraphType()
    {
        Name = "Mutation";
        Description = "Changes to the knowledge graph. Send `Authorization: Bearer <token>`; see the README for roles and tokens.";
        this.AddEntityMutations(StrategyEditing.Fields);
        this.AddEntityMutations(PhaseEditing.Fields);
        this.AddEntityMutations(EventEditing.Fields);
        this.AddEntityMutations(OrganisationEditing.Fields);
        this.AddEntityMutations(PilotEditing.Fields);
        this.AddEntityMutations(StrategyElementEditing.Fields);
        this.AddEntityMutations(ParticipationStrandEditing.Fields);
        this.AddEntityMutations(DocumentEditing.Fields);
        this.AddEntityMutations(ResultEditing.Fields);
        this.AddEntityMutations(TermEditing.Fields);
        this.AddEntityMutations(CollectionEditing.Fields);
        this.AddEntityMutations(SeriesEditing.Fields);
        this.AddDeleteEntity();
        this.AddRelationMutations();
        this.AddRevert();
    }
}
