namespace SmartCityGraph.Data.Synthetic;

/// <summary>Word lists that make generated titles read like the real ones (and vary enough to sort).</summary>
internal static class SyntheticVocabulary
{
    public static readonly string[] Topics =
    [
        "mobility data", "open data", "digital administration", "smart lighting", "climate adaptation", "urban heat",
        "participation platform", "sensor network", "e-government", "digital education", "water management",
        "energy transition", "neighbourhood funds", "accessible services", "data ethics", "tree monitoring",
        "parking management", "citizen science", "broadband", "public Wi-Fi", "health data", "waste logistics",
    ];

    public static readonly string[] Districts =
    [
        "Mitte", "Friedrichshain-Kreuzberg", "Pankow", "Charlottenburg-Wilmersdorf", "Spandau", "Steglitz-Zehlendorf",
        "Tempelhof-Schöneberg", "Neukölln", "Treptow-Köpenick", "Marzahn-Hellersdorf", "Lichtenberg", "Reinickendorf",
    ];

    public static readonly string[] EventFormats =
    [
        "Workshop", "Forum", "Online consultation", "Survey", "Symposium", "Presentation", "Decision", "Meeting",
        "Call", "Round table", "Exhibition", "Info evening",
    ];

    public static readonly string[] OrganisationForms =
    [
        "Senate Department for", "District Office", "Association for", "Institute for", "Foundation for", "Network",
        "GmbH", "Council for", "Initiative", "Lab",
    ];

    public static readonly string[] PhaseNames = ["Concept", "Participation", "Drafting", "Consultation", "Decision", "Implementation", "Evaluation"];

    public static string Pick(Random random, string[] words) => words[random.Next(words.Length)];
}
