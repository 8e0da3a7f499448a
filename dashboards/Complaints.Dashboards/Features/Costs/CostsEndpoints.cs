using Complaints.Dashboards.Features.Filters;
using Complaints.Warehouse.Costs;

namespace Complaints.Dashboards.Features.Costs;

/// <summary>The Costs page's figures as JSON, from the same queries the page draws, with the page's filter names.</summary>
public static class CostsEndpoints
{
    public static IEndpointRouteBuilder MapCostsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/costs").WithTags("Costs").MapGet("", async ([AsParameters] FilterParameters query, CostQueries queries, CancellationToken ct) =>
        {
            if (!query.TryParse(out var filter, out var error))
                return Results.Problem(title: "Invalid filter", detail: error, statusCode: StatusCodes.Status400BadRequest);
            return Results.Ok(await queries.GetAsync(filter, ct));
        });
        return app;
    }
}
