using Complaints.Dashboards.Access;
using Complaints.Dashboards.Features.Filters;
using Complaints.Models.Jobs;
using Complaints.Models.Risk;
using Microsoft.Extensions.Options;

namespace Complaints.Dashboards.Features.Risk;

/// <summary>Open complaints by risk on the shared filters, the model versions, and training on demand.</summary>
public static class RiskEndpoints
{
    public static IEndpointRouteBuilder MapRiskEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/risk").WithTags("Risk");
        api.MapGet("", (FilterRequest query, string? target, RiskQueries queries) =>
            query.AnswerAsync(filter => Task.FromResult(queries.Get(filter, target == "resolution" ? RiskTarget.Resolution : RiskTarget.Statutory))));
        api.MapGet("/models", (Complaints.Warehouse.WarehouseDatabase warehouse) =>
        {
            using var connection = warehouse.OpenConnection();
            return TypedResults.Ok(RiskScores.Versions(connection));
        });
        api.MapPost("/train", async (HttpRequest request, IOptions<AdminOptions> admin, RiskScores scores, ModelRefresh refresh, CancellationToken ct) =>
        {
            if (await AdminAccess.DenyAsync(request, admin) is { } denied)
                return denied;
            var versions = await scores.TrainAsync(ct, $"administrator key via API from {request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "an unknown address"}");
            await refresh.RefreshIfDueAsync(force: true, ct);
            return Results.Ok(versions);
        }).DisableAntiforgery();
        return app;
    }
}
