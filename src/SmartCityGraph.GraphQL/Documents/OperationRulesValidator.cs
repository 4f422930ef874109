using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace SmartCityGraph.GraphQL.Documents;

/// <summary>
/// A validation rule that looks at the operation as a whole instead of visiting its nodes: it returns no node visitor
/// before arguments are parsed and no variable visitor (its checks run in <see cref="IValidationRule.GetPreNodeVisitorAsync"/>
/// itself or after arguments are parsed). The rules run on every request for a cached document are of this kind.
/// </summary>
public interface IOperationRule : IValidationRule;

/// <summary>
/// GraphQL.NET's validation, without its first walk of the document when every rule is an <see cref="IOperationRule"/>.
/// </summary>
/// <remarks>
/// For a cached document only the per-request rules run (cost, rate limit, roles, transport), and none of them visits
/// nodes; yet <see cref="DocumentValidator"/> walks the whole document with its type tracker whenever there is any rule
/// (about 5 % of the CPU of a small request). Here such rules are asked for their (absent) visitors on a context of our
/// own, the variables, arguments and directives are read with what <see cref="PreparedOperation"/> found of the operation
/// once (the inner validator would walk the operation twice more for them), and the rules' checks after arguments run on
/// that result, as <see cref="DocumentValidator"/> would run them. Any other set of rules goes to the inner validator
/// unchanged.
/// </remarks>
public sealed class OperationRulesValidator(IDocumentValidator inner) : IDocumentValidator
{
    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        var rules = options.Rules ?? DocumentValidator.CoreRules;
        if (!rules.Any() || !rules.All(rule => rule is IOperationRule))
            return inner.ValidateAsync(options);
        return ValidateOperationRulesAsync(options, rules);
    }

    private async Task<IValidationResult> ValidateOperationRulesAsync(ValidationOptions options, IEnumerable<IValidationRule> rules)
    {
        var context = new ValidationContext
        {
            TypeInfo = new TypeInfo(options.Schema),
            Schema = options.Schema,
            Document = options.Document,
            UserContext = options.UserContext,
            Variables = options.Variables,
            Extensions = options.Extensions,
            Operation = options.Operation,
            Metrics = options.Metrics,
            RequestServices = options.RequestServices,
            User = options.User,
            CancellationToken = options.CancellationToken,
        };

        foreach (var rule in rules)
        {
            if (await rule.GetPreNodeVisitorAsync(context) is not null || await rule.GetVariableVisitorAsync(context) is not null)
                throw new InvalidOperationException($"{rule.GetType().Name} is an {nameof(IOperationRule)} but returned a node or variable visitor.");
        }
        if (context.HasErrors)
            return new ValidationResult(context.Errors);

        // Variables, arguments and directives, read as the inner validator reads them but without its two walks.
        var variables = await PreparedOperation.For(options.Schema, options.Document, options.Operation).ReadValuesAsync(context);
        if (context.HasErrors)
        {
            return new ValidationResult(context.Errors)
            {
                Variables = variables,
                ArgumentValues = context.ArgumentValues,
                DirectiveValues = context.DirectiveValues,
            };
        }

        List<INodeVisitor>? visitors = null;
        foreach (var rule in rules)
        {
            if (await rule.GetPostNodeVisitorAsync(context) is { } visitor)
                (visitors ??= [context.TypeInfo]).Add(visitor);
        }
        if (visitors is not null)
            await new BasicVisitor(visitors).VisitAsync(context.Document, new BasicVisitor.State(context));

        return new ValidationResult(context.Errors)
        {
            Variables = variables,
            ArgumentValues = context.ArgumentValues,
            DirectiveValues = context.DirectiveValues,
        };
    }
}
