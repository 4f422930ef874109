namespace SmartCityGraph.Client.Tests.Generator;

/// <summary>
/// A small schema with everything the generator maps: every built-in scalar, Date, DateTime, an
/// unknown custom scalar, enums, input objects (a recursive filter with operator inputs and a
/// relation filter, a sort input), lists, interfaces, a union, connections, a mutation.
/// </summary>
internal static class TestDocuments
{
    public const string Schema = """
        scalar Date
        scalar DateTime
        scalar Json

        interface Node { id: ID! }
        interface Named { name: String! }

        enum Colour { RED GREEN DARK_BLUE }

        input RangeInput { from: Date!  to: Date  inclusive: Boolean = true }
        input FilterInput { colours: [Colour!]  range: RangeInput  nameContains: String  minWeight: Float  tags: [String]! }

        "Conditions on fruits; all given ones must hold."
        input FruitFilterInput {
          and: [FruitFilterInput!]
          or: [FruitFilterInput!]
          "Conditions on the colour."
          colour: ColourOperationInput
          picked: DateOperationInput
          shops: ShopListFilterInput
          ripe: Boolean! = true
        }
        input ColourOperationInput { eq: Colour  neq: Colour  in: [Colour] }
        input DateOperationInput { eq: Date  gte: Date  lt: Date  in: [Date] }
        input ShopListFilterInput { some: ShopFilterInput  none: ShopFilterInput  any: Boolean }
        input ShopFilterInput { name: String  shopFilterInput: String  writeTo: String }
        input FruitSortInput { name: SortDirection  picked: SortDirection }
        enum SortDirection { ASC DESC }

        type Query {
          node(id: ID!): Node
          search(text: String!, limit: Int, weight: Float, exact: Boolean, since: Date, at: DateTime, colour: Colour, ids: [ID!], filter: FilterInput): [SearchResult!]!
          shops(first: Int, after: String): ShopConnection!
          fruits(first: Int, after: String, where: FruitFilterInput, order: [FruitSortInput!]): [Fruit!]!
        }

        type Mutation { rename(id: ID!, name: String!): Shop }

        union SearchResult = Shop | Fruit

        type Shop implements Node & Named {
          id: ID!
          name: String!
          opened: Date
          closedAt: DateTime
          fruits(first: Int, after: String): FruitConnection!
          owner: Named
          meta: Json
        }

        type Fruit implements Node & Named {
          id: ID!
          name: String!
          colour: Colour!
          weight: Float
          ripe: Boolean!
          picked: Date!
          shop: Shop
        }

        type ShopConnection { nodes: [Shop!]! pageInfo: PageInfo! totalCount: Int! }
        type FruitConnection { edges: [FruitEdge!]! pageInfo: PageInfo! }
        type FruitEdge { cursor: String! node: Fruit! }
        type PageInfo { hasNextPage: Boolean! endCursor: String }
        """;

    public const string EveryVariableType = """
        query Search($text: String!, $limit: Int, $weight: Float, $exact: Boolean!, $since: Date, $at: DateTime,
                     $colour: Colour, $ids: [ID!], $filter: FilterInput) {
          search(text: $text, limit: $limit, weight: $weight, exact: $exact, since: $since, at: $at,
                 colour: $colour, ids: $ids, filter: $filter) {
            ... on Shop { id name opened }
            ... on Fruit { id colour weight ripe }
          }
        }
        """;

    public const string InterfaceWithFragments = """
        query GetNode($id: ID!) {
          node(id: $id) {
            id
            ...NameParts
            ... on Fruit { colour ripe picked }
            ... on Shop { opened closedAt meta owner { name } }
          }
        }

        fragment NameParts on Named { name }
        """;

    public const string NestedConnections = """
        query GetShops($first: Int, $after: String) {
          shops(first: $first, after: $after) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes {
              id
              name
              fruits(first: 3) {
                edges { cursor node { name colour shop { name } } }
              }
            }
          }
        }
        """;

    public const string ConditionalFields = """
        query GetOwners($withOwner: Boolean!, $skipMeta: Boolean = false) {
          shops {
            nodes {
              id
              owner @include(if: $withOwner) { name }
              meta @skip(if: $skipMeta)
            }
          }
        }
        """;

    public const string FilterAndSort = """
        query GetFruits($first: Int, $where: FruitFilterInput, $order: [FruitSortInput!]) {
          fruits(first: $first, where: $where, order: $order) { id name colour picked }
        }
        """;

    public const string MutationWithAlias = """
        mutation Rename($id: ID!, $name: String!) {
          renamed: rename(id: $id, name: $name) { id name }
        }
        """;
}
