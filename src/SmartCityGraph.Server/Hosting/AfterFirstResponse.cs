namespace SmartCityGraph.Server.Hosting;

/// <summary>
/// Work that start-up could do but that would slow the first answer down, run once in the background as soon as the
/// server has answered its first request. On two cores, warming EF Core up beside the first request made that request
/// ~100 ms slower; after it, the work takes a core that readers rarely all need at once.
/// </summary>
internal static class AfterFirstResponse
{
    public static IApplicationBuilder RunAfterFirstResponse(this IApplicationBuilder app, Func<Task> work)
    {
        var started = 0;
        return app.Use(next => context => Volatile.Read(ref started) != 0 ? next(context) : FirstAsync(context, next));

        async Task FirstAsync(HttpContext context, RequestDelegate next)
        {
            try
            {
                await next(context);
            }
            finally
            {
                // Without the request's async state: its HttpContext (which Kestrel reuses) and its trace are not the work's.
                if (Interlocked.Exchange(ref started, 1) == 0)
                    using (ExecutionContext.SuppressFlow()) _ = Task.Run(work);
            }
        }
    }
}
