namespace SmartCityGraph.Data.Model;

/// <summary>What an entity is; the discriminator of the single entity table.</summary>
public enum NodeKind { Strategy, Phase, Event, Organisation, Pilot, StrategyElement, ParticipationStrand }

public enum EventStatus { Planned, Ongoing, Finished, Cancelled }

public enum EventCategory { Participation, Network }

public enum EventType
{
    Workshop, Forum, OnlineConsultation, Survey, Symposium, Presentation, Decision, Meeting, Call, RoundTable, Exhibition, Other,
}

public enum OrganisationType { PublicAdministration, CivilSociety, Business, Research, Foundation, Funder, Body }

public enum StrategyElementType { GuidingIdea, Principle, FuturePerspective, FrameworkCondition, Value, FieldOfAction }
