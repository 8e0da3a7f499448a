using Complaints.Dashboards.Features.Filters;
using Complaints.Warehouse.Sla;

namespace Complaints.Dashboards.Features.Sla;

/// <summary>The SLA figures as JSON, as of now by the host's clock, from the same queries the SLA page draws.</summary>
public static class SlaEndpoints
{
    public static IEndpointRouteBuilder MapSlaEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sla").WithTags("SLA");
        api.MapGet("", async ([AsParameters] FilterParameters query, SlaQueries queries, CancellationToken ct) =>
        {
            if (!query.TryParse(out var filter, out var error))
                return Results.Problem(title: "Invalid filter", detail: error, statusCode: StatusCodes.Status400BadRequest);
            return Results.Ok(await queries.GetAsync(filter, ct));
        });
        return app;
    }
}
