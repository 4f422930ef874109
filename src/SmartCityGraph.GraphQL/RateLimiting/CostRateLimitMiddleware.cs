using System.Globalization;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Http;
using SmartCityGraph.GraphQL.Telemetry;

namespace SmartCityGraph.GraphQL.RateLimiting;

/// <summary>
/// Rate limiting by cost at the GraphQL endpoint. A client with an empty budget is answered 429 before its request is
/// read; otherwise <see cref="CostRateLimitRule"/> spends the operation's cost after validation (or 1 point is spent
/// when the request ends), and every answer carries <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and
/// <c>RateLimit-Reset</c> (seconds until the budget is full again); a refusal carries <c>Retry-After</c> and the code
/// <c>RATE_LIMITED</c>. Runs after authentication, so that a signed-in caller spends from their own budget.
/// </summary>
public sealed class CostRateLimitMiddleware(RequestDelegate next, CostRateLimiter limiter, IOptions<GraphQLHttpOptions> http)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.Equals(http.Value.Path, StringComparison.OrdinalIgnoreCase) || limiter.ClientOf(context) is not { } client)
        {
            await next(context);
            return;
        }

        var charge = new RateLimitCharge(client);
        context.Features.Set(charge);
        context.Response.OnStarting(() =>
        {
            WriteHeaders(context, charge);
            return Task.CompletedTask;
        });

        if (!limiter.HasPoints(client, out var retryAfter))
        {
            charge.RetryAfter = retryAfter;
            charge.Spent = true; // nothing was done, nothing more to spend
            GraphQLTelemetry.RecordRefusal(ErrorCodes.RateLimited);
            await WriteRefusalAsync(context, retryAfter);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            if (!charge.Spent)
                limiter.TrySpend(client, 1, out _);
        }
    }

    private void WriteHeaders(HttpContext context, RateLimitCharge charge)
    {
        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = limiter.Options.PointsPerMinute.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = limiter.Remaining(charge.Client).ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = limiter.SecondsUntilFull(charge.Client).ToString(CultureInfo.InvariantCulture);
        if (charge.RetryAfter is { } retryAfter)
        {
            // Also when the operation was refused after validation: the handler answered 400 for a refused document.
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }

    private static async Task WriteRefusalAsync(HttpContext context, TimeSpan retryAfter)
    {
        var serializer = (IGraphQLTextSerializer)context.RequestServices.GetService(typeof(IGraphQLTextSerializer))!;
        var result = new ExecutionResult(new GraphQLRequestException(ErrorCodes.RateLimited,
            $"This client has spent its budget of cost points; retry in {Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds))} s."));
        var mediaType = GraphQLMediaTypes.TryNegotiate(context.Request.Headers.Accept, out var negotiated) ? negotiated : GraphQLMediaTypes.Json;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.ContentType = GraphQLMediaTypes.WithUtf8Charset(mediaType);
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }
}
