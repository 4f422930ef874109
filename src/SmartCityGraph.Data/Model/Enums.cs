namespace SmartCityGraph.Data.Model;

/// <summary>What an entity is; the discriminator of the single entity table.</summary>
public enum NodeKind { Strategy, Phase, Event, Organisation, Pilot, StrategyElement, ParticipationStrand, Document, Result, Term, Collection, Series }

public enum EventStatus { Planned, Ongoing, Finished, Cancelled }

public enum EventCategory { Participation, Network }

public enum EventType
{
    Workshop, Forum, OnlineConsultation, Survey, Symposium, Presentation, Decision, Meeting, Call, RoundTable, Exhibition, Other,
}

public enum OrganisationType { PublicAdministration, CivilSociety, Business, Research, Foundation, Funder, Body, Programme }

public enum StrategyElementType { GuidingIdea, Principle, FuturePerspective, FrameworkCondition, Value, FieldOfAction }

/// <summary>What sort of result of the participation process: a draft put up for comment, or interim results.</summary>
public enum ResultType { Draft, InterimResult }

/// <summary>What holds a series together: workshops, interviews, a body's sessions, a call, or an outside event the process took part in.</summary>
public enum SeriesType { Workshops, Interviews, Sessions, Call, ExternalEvent }

/// <summary>How exact a stated number is: "10" (exactly), "über 20" (more than), "about 60", "7 planned".</summary>
public enum SizeQualifier { Exactly, MoreThan, About, Planned }
