using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using SmartCityGraph.GraphQL.AbstractTypes;

namespace SmartCityGraph.GraphQL.Tests.AbstractTypes;

/// <summary><see cref="ClrTypeResolution"/> answers as the possible types' IsTypeOf would, asking them once per CLR type.</summary>
public sealed class ClrTypeResolutionTests
{
    private abstract class Animal { public string Name { get; init; } = ""; }
    private sealed class Cat : Animal;
    private sealed class Dog : Animal;

    private static int _asked;

    private sealed class AnimalInterface : InterfaceGraphType<Animal>
    {
        public AnimalInterface()
        {
            Name = "Animal";
            Field<StringGraphType>("name");
            this.ResolveByClrType();
        }
    }

    /// <summary>A possible type of the interface, counting how often it is asked whether a value is its.</summary>
    private sealed class AnimalType<T> : ObjectGraphType<T> where T : Animal
    {
        public AnimalType()
        {
            Name = typeof(T).Name;
            Interface<AnimalInterface>();
            IsTypeOf = value => { Interlocked.Increment(ref _asked); return value is T; };
            Field(a => a.Name);
        }
    }

    [Fact]
    public async Task Each_value_gets_its_own_type_and_each_CLR_type_is_asked_for_once()
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<ListGraphType<AnimalInterface>>("animals").Resolve(_ =>
            Enumerable.Range(0, 50).Select(i => i % 2 == 0 ? (Animal)new Cat { Name = $"cat {i}" } : new Dog { Name = $"dog {i}" }).ToList());
        var schema = new Schema { Query = query };
        schema.RegisterType<AnimalType<Cat>>();
        schema.RegisterType<AnimalType<Dog>>();
        _asked = 0;

        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = "{ animals { __typename name } }",
        });
        var json = new GraphQLSerializer().Serialize(result);

        Assert.Null(result.Errors);
        Assert.Contains("""{"__typename":"Cat","name":"cat 0"}""", json);
        Assert.Contains("""{"__typename":"Dog","name":"dog 49"}""", json);
        // GraphQL.NET checks the resolved type's IsTypeOf once per value; the search among the possible types runs once per
        // CLR type (Cat; Dog after Cat said no), where without it every dog was asked about being a cat first.
        Assert.InRange(_asked, 50, 53);
    }
}
