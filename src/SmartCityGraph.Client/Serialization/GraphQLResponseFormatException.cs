namespace SmartCityGraph.Client.Serialization;

/// <summary>The response's data does not have the shape the operation promises; reported as INVALID_RESPONSE.</summary>
public sealed class GraphQLResponseFormatException(string message) : Exception(message);
