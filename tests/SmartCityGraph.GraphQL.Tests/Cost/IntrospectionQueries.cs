namespace SmartCityGraph.GraphQL.Tests.Cost;

/// <summary>
/// The full introspection query GraphiQL sends by default: graphql-js <c>getIntrospectionQuery()</c> with its
/// default options (descriptions on; schema description, specifiedByURL, isRepeatable and input value
/// deprecation off — GraphQL.NET exposes those only as experimental features).
/// graphql-js 16 nests <c>ofType</c> 7 levels deep (operation depth 13); graphql-js 17 nests 9 (depth 15).
/// </summary>
internal static class IntrospectionQueries
{
    public static readonly string GraphQLJs16 = Build(typeDepth: 7);
    public static readonly string GraphQLJs17 = Build(typeDepth: 9);

    private static string Build(int typeDepth) => """
        query IntrospectionQuery {
          __schema {
            queryType { name kind }
            mutationType { name kind }
            subscriptionType { name kind }
            types {
              ...FullType
            }
            directives {
              name
              description
              locations
              args {
                ...InputValue
              }
            }
          }
        }

        fragment FullType on __Type {
          kind
          name
          description
          fields(includeDeprecated: true) {
            name
            description
            args {
              ...InputValue
            }
            type {
              ...TypeRef
            }
            isDeprecated
            deprecationReason
          }
          inputFields {
            ...InputValue
          }
          interfaces {
            ...TypeRef
          }
          enumValues(includeDeprecated: true) {
            name
            description
            isDeprecated
            deprecationReason
          }
          possibleTypes {
            ...TypeRef
          }
        }

        fragment InputValue on __InputValue {
          name
          description
          type { ...TypeRef }
          defaultValue
        }

        fragment TypeRef on __Type {
          kind
          name

        """ + OfType(typeDepth) + "\n}\n";

    private static string OfType(int levels) =>
        levels == 0 ? "" : "ofType {\n  name\n  kind\n" + OfType(levels - 1) + "\n}\n";
}
