using Complaints.Dashboards.Features.Filters;
using Complaints.Warehouse;
using Complaints.Warehouse.Overview;

namespace Complaints.Dashboards.Features.Overview;

/// <summary>The Overview's figures as JSON, from the same queries the page draws, with the page's filter names.</summary>
public static class OverviewEndpoints
{
    public static IEndpointRouteBuilder MapOverviewEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/overview").WithTags("Overview");
        api.MapGet("", ([AsParameters] FilterParameters query, OverviewQueries queries, CancellationToken ct) =>
            Filtered(query, filter => queries.GetAsync(filter, ct)));
        api.MapGet("/complaints-per-product", ([AsParameters] FilterParameters query, OverviewQueries queries) =>
            Filtered(query, filter => Task.FromResult(queries.ComplaintsPerProduct(filter))));
        api.MapGet("/monthly-trend", ([AsParameters] FilterParameters query, OverviewQueries queries) =>
            Filtered(query, filter => Task.FromResult(queries.MonthlyTrend(filter))));
        api.MapGet("/handling-time-per-product", ([AsParameters] FilterParameters query, OverviewQueries queries) =>
            Filtered(query, filter => Task.FromResult(queries.HandlingTimePerProduct(filter))));
        api.MapGet("/cost-per-product", ([AsParameters] FilterParameters query, OverviewQueries queries) =>
            Filtered(query, filter => Task.FromResult(queries.CostPerProduct(filter))));
        return app;
    }

    private static async Task<IResult> Filtered<T>(FilterParameters query, Func<ComplaintFilter, Task<T>> run)
    {
        if (!query.TryParse(out var filter, out var error))
            return TypedResults.Problem(title: "Invalid filter", detail: error, statusCode: StatusCodes.Status400BadRequest);
        return TypedResults.Ok(await run(filter));
    }
}
