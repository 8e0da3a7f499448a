using Complaints.Dashboards.Access;
using Complaints.Dashboards.Features.Filters;
using Complaints.Models.Jobs;
using Complaints.Models.Risk;

namespace Complaints.Dashboards.Features.Risk;

/// <summary>Open complaints by risk on the shared filters, the model versions, and training on demand.</summary>
public static class RiskEndpoints
{
    public static IEndpointRouteBuilder MapRiskEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/risk").WithTags("Risk").RequireAuthorization(Policies.Complaints);
        api.MapGet("", (FilterRequest query, string? target, RiskQueries queries) =>
            query.AnswerAsync(filter => Task.FromResult(queries.Get(filter, target == "resolution" ? RiskTarget.Resolution : RiskTarget.Statutory))));
        api.MapGet("/models", (Complaints.Warehouse.WarehouseDatabase warehouse) =>
        {
            using var connection = warehouse.OpenConnection();
            return TypedResults.Ok(RiskScores.Versions(connection));
        });
        // Its own policy only: a group's policies add up, and training is for administrators, who do not read the list.
        app.MapPost("/api/risk/train", async (RiskScores scores, ModelRefresh refresh, CancellationToken ct) =>
        {
            var versions = await scores.TrainAsync(ct);
            await refresh.RefreshIfDueAsync(force: true, ct);
            return Results.Ok(versions);
        }).WithTags("Risk").RequireAuthorization(Policies.Administration);
        return app;
    }
}
