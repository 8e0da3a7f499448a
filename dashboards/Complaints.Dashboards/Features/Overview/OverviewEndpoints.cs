using Complaints.Dashboards.Features.Filters;
using Complaints.Warehouse;
using Complaints.Warehouse.Overview;

namespace Complaints.Dashboards.Features.Overview;

/// <summary>The Overview's figures as JSON, from the same queries the page draws.</summary>
public static class OverviewEndpoints
{
    public static IEndpointRouteBuilder MapOverviewEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/overview").WithTags("Overview");
        api.MapGet("", (string? from, string? to, OverviewQueries queries, CancellationToken ct) =>
            Filtered(from, to, filter => queries.GetAsync(filter, ct)));
        api.MapGet("/complaints-per-product", (string? from, string? to, OverviewQueries queries) =>
            Filtered(from, to, filter => Task.FromResult(queries.ComplaintsPerProduct(filter))));
        api.MapGet("/monthly-trend", (string? from, string? to, OverviewQueries queries) =>
            Filtered(from, to, filter => Task.FromResult(queries.MonthlyTrend(filter))));
        api.MapGet("/handling-time-per-product", (string? from, string? to, OverviewQueries queries) =>
            Filtered(from, to, filter => Task.FromResult(queries.HandlingTimePerProduct(filter))));
        api.MapGet("/cost-per-product", (string? from, string? to, OverviewQueries queries) =>
            Filtered(from, to, filter => Task.FromResult(queries.CostPerProduct(filter))));
        return app;
    }

    private static async Task<IResult> Filtered<T>(string? from, string? to, Func<ComplaintFilter, Task<T>> query)
    {
        if (!FilterQuery.TryParse(from, to, out var filter, out var error))
            return TypedResults.Problem(title: "Invalid filter", detail: error, statusCode: StatusCodes.Status400BadRequest);
        return TypedResults.Ok(await query(filter));
    }
}
