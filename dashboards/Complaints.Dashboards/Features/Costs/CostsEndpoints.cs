using Complaints.Dashboards.Access;
using Complaints.Dashboards.Features.Filters;
using Complaints.Warehouse.Costs;

namespace Complaints.Dashboards.Features.Costs;

/// <summary>The Costs page's figures as JSON, from the same queries the page draws, with the page's filter names.</summary>
public static class CostsEndpoints
{
    public static IEndpointRouteBuilder MapCostsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/costs").WithTags("Costs").RequireAuthorization(Policies.Dashboards).MapGet("", (FilterRequest query, CostsQueries queries, CancellationToken ct) =>
            query.AnswerAsync(filter => queries.GetAsync(filter, ct)));
        return app;
    }
}
