using SmartCityGraph.Data.Model;
using static SmartCityGraph.Data.Synthetic.SyntheticVocabulary;

namespace SmartCityGraph.Data.Synthetic;

/// <summary>
/// Decides every row of the synthetic graph from one seeded <see cref="Random"/>, consumed in a
/// fixed order, so the same seed and size always give the same graph.
/// </summary>
internal sealed class SyntheticGraphPlan(Random random, SyntheticIdLayout layout)
{
    private static readonly DateOnly Earliest = new(2019, 1, 1);
    private const int YearsCovered = 9;

    // Phases get a date window; events fall into the window of the phase they are PART_OF.
    private DateOnly[] phaseStarts = [];
    private int[] phaseLengths = [];
    private int[] eventPhases = [];

    public void WriteEntities(EntityRowWriter writer, Action<long> progress, CancellationToken ct)
    {
        long done = 0;
        void Next() { progress(++done); if (done % 10_000 == 0) ct.ThrowIfCancellationRequested(); }

        for (var i = 0; i < layout.Count(NodeKind.Strategy); i++, Next())
        {
            var topic = Pick(random, Topics);
            Begin(writer, NodeKind.Strategy, i, $"Strategy for {topic} {i + 1}", $"A city strategy on {topic}.")
                .Set("AdoptedOn", Date(random.Next(YearsCovered * 365))).Set("Url", $"https://example.org/strategies/{i + 1}").Write();
        }

        var phases = layout.Count(NodeKind.Phase);
        phaseStarts = new DateOnly[phases];
        phaseLengths = new int[phases];
        for (var i = 0; i < phases; i++, Next())
        {
            phaseStarts[i] = Date(random.Next(YearsCovered * 365 - 365));
            phaseLengths[i] = 30 + random.Next(335);
            Begin(writer, NodeKind.Phase, i, $"{Pick(random, PhaseNames)} phase {i + 1}", "A stage of a strategy process.")
                .Set("StartDate", Text(phaseStarts[i])).Set("EndDate", Text(phaseStarts[i].AddDays(phaseLengths[i]))).Write();
        }

        var elementTypes = Enum.GetNames<StrategyElementType>();
        for (var i = 0; i < layout.Count(NodeKind.StrategyElement); i++, Next())
        {
            var type = elementTypes[random.Next(elementTypes.Length)];
            Begin(writer, NodeKind.StrategyElement, i, $"{Capitalised(Pick(random, Topics))} ({type} {i + 1})", null)
                .Set("ElementType", type).Write();
        }

        for (var i = 0; i < layout.Count(NodeKind.ParticipationStrand); i++, Next())
            Begin(writer, NodeKind.ParticipationStrand, i, $"Participation strand: {Pick(random, Topics)} {i + 1}", null).Write();

        var organisationTypes = Enum.GetNames<OrganisationType>();
        for (var i = 0; i < layout.Count(NodeKind.Organisation); i++, Next())
        {
            var name = $"{Pick(random, OrganisationForms)} {Capitalised(Pick(random, Topics))} {Pick(random, Districts)} {i + 1}";
            Begin(writer, NodeKind.Organisation, i, name, null)
                .Set("OrganisationType", organisationTypes[random.Next(organisationTypes.Length)])
                .Set("Url", random.Next(3) == 0 ? $"https://example.org/organisations/{i + 1}" : null).Write();
        }

        for (var i = 0; i < layout.Count(NodeKind.Pilot); i++, Next())
        {
            var start = Date(random.Next(YearsCovered * 365 - 730));
            Begin(writer, NodeKind.Pilot, i, $"Pilot: {Capitalised(Pick(random, Topics))} in {Pick(random, Districts)} {i + 1}", "A funded pilot project.")
                .Set("StartDate", Text(start)).Set("EndDate", Text(start.AddDays(365 + random.Next(730)))).Write();
        }

        var eventTypes = Enum.GetNames<EventType>();
        eventPhases = new int[layout.Count(NodeKind.Event)];
        for (var i = 0; i < eventPhases.Length; i++, Next())
        {
            var phase = eventPhases[i] = random.Next(phases);
            var start = phaseStarts[phase].AddDays(random.Next(phaseLengths[phase]));
            var multiDay = random.Next(5) == 0;
            var cancelled = random.Next(50) == 0;
            Begin(writer, NodeKind.Event, i, $"{Pick(random, EventFormats)} on {Pick(random, Topics)} in {Pick(random, Districts)} #{i + 1}", null)
                .Set("StartDate", Text(start)).Set("EndDate", multiDay ? Text(start.AddDays(1 + random.Next(14))) : null)
                .Set("Category", random.Next(4) == 0 ? nameof(EventCategory.Network) : nameof(EventCategory.Participation))
                .Set("EventType", eventTypes[random.Next(eventTypes.Length)])
                .Set("Cancelled", cancelled).Set("TitleKnown", true).Write();
        }
    }

    public void WriteRelations(RelationRowWriter writer, Action<long> progress, CancellationToken ct)
    {
        long done = 0;
        void Next() { progress(++done); if (done % 10_000 == 0) ct.ThrowIfCancellationRequested(); }
        int Id(NodeKind kind, int index) => layout.Id(kind, index);
        var phases = layout.Count(NodeKind.Phase);
        var strategies = layout.Count(NodeKind.Strategy);

        for (var i = 0; i < strategies; i++, Next())
        {
            writer.Write(nameof(RelationType.ProducedIn), Id(NodeKind.Strategy, i), Id(NodeKind.Phase, random.Next(phases)));
            if (i > 0 && random.Next(2) == 0) writer.Write(nameof(RelationType.Informs), Id(NodeKind.Strategy, i - 1), Id(NodeKind.Strategy, i));
        }

        // A forest of phases: the first tenth are roots, every later phase sits inside an earlier one.
        var rootPhases = Math.Max(1, phases / 10);
        for (var i = 0; i < phases; i++, Next())
        {
            if (i >= rootPhases) writer.Write(nameof(RelationType.PartOf), Id(NodeKind.Phase, i), Id(NodeKind.Phase, random.Next(i)));
            writer.Write(nameof(RelationType.Coordinates), Id(NodeKind.Organisation, BusyOrganisation()), Id(NodeKind.Phase, i));
        }

        for (var i = 0; i < layout.Count(NodeKind.StrategyElement); i++, Next())
        {
            var nested = i > 0 && random.Next(10) < 3;
            writer.Write(nameof(RelationType.PartOf), Id(NodeKind.StrategyElement, i),
                nested ? Id(NodeKind.StrategyElement, random.Next(i)) : Id(NodeKind.Strategy, random.Next(strategies)));
        }

        for (var i = 0; i < layout.Count(NodeKind.ParticipationStrand) + layout.Count(NodeKind.Organisation); i++) Next();

        var pilots = layout.Count(NodeKind.Pilot);
        Span<int> chosen = stackalloc int[4];
        for (var i = 0; i < pilots; i++, Next())
        {
            var pilot = Id(NodeKind.Pilot, i);
            var picked = PickDistinctOrganisations(chosen, 1 + random.Next(4));
            writer.Write(nameof(RelationType.Leads), Id(NodeKind.Organisation, chosen[0]), pilot);
            for (var p = 1; p < picked; p++) writer.Write(nameof(RelationType.PartnerIn), Id(NodeKind.Organisation, chosen[p]), pilot);
            // Funders are few and fund many pilots.
            var funders = Math.Max(1, layout.Count(NodeKind.Organisation) / 200);
            writer.Write(nameof(RelationType.Funds), Id(NodeKind.Organisation, random.Next(funders)), pilot);
        }

        var strands = layout.Count(NodeKind.ParticipationStrand);
        for (var i = 0; i < eventPhases.Length; i++, Next())
        {
            var evt = Id(NodeKind.Event, i);
            writer.Write(nameof(RelationType.PartOf), evt, Id(NodeKind.Phase, eventPhases[i]));
            if (random.Next(5) == 0) writer.Write(nameof(RelationType.PartOf), evt, Id(NodeKind.ParticipationStrand, random.Next(strands)));
            var organisers = PickDistinctOrganisations(chosen, 1 + random.Next(3));
            for (var o = 0; o < organisers; o++)
                writer.Write(random.Next(10) < 7 ? nameof(RelationType.Organises) : nameof(RelationType.Hosts), Id(NodeKind.Organisation, chosen[o]), evt);
            if (random.Next(10) == 0) writer.Write(nameof(RelationType.Concerns), evt, Id(NodeKind.Pilot, random.Next(pilots)));
        }
    }

    private EntityRowWriter Begin(EntityRowWriter writer, NodeKind kind, int index, string title, string? summary) =>
        writer.Begin(layout.Id(kind, index), kind.ToString(), SyntheticIdLayout.Key(kind, index), title, summary);

    /// <summary>Skewed towards low indexes: a few organisations take part in much, most in little.</summary>
    private int BusyOrganisation()
    {
        var r = random.NextDouble();
        return (int)(layout.Count(NodeKind.Organisation) * r * r * r);
    }

    private int PickDistinctOrganisations(Span<int> chosen, int wanted)
    {
        var count = 0;
        for (var attempt = 0; attempt < wanted * 3 && count < wanted; attempt++)
        {
            var candidate = BusyOrganisation();
            if (!chosen[..count].Contains(candidate)) chosen[count++] = candidate;
        }
        return count;
    }

    private static DateOnly Date(int daysAfterEarliest) => Earliest.AddDays(daysAfterEarliest);
    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    private static string Capitalised(string words) => char.ToUpperInvariant(words[0]) + words[1..];
}
