using System.Diagnostics;
using Complaints.Dashboards.Access;
using Complaints.Dashboards.Features.Filters;
using Complaints.Warehouse;
using Complaints.Warehouse.Sla;

namespace Complaints.Dashboards.Features.Sla;

/// <summary>The SLA figures as JSON, as of now by the host's clock, from the same queries the SLA page draws; and the administrator's recalculation.</summary>
public static class SlaEndpoints
{
    public const string RecalculatePath = "/api/sla/recalculate";

    public static IEndpointRouteBuilder MapSlaEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sla").WithTags("SLA");
        api.MapGet("", (FilterRequest query, SlaQueries queries, CancellationToken ct) =>
            query.AnswerAsync(filter => queries.GetAsync(filter, ct))).RequireAuthorization(Policies.Dashboards);
        api.MapPost("/recalculate", Recalculate).RequireAuthorization(Policies.Administration).WithFormAntiforgery();
        return app;
    }

    /// <summary>
    /// Measures every complaint again with the policies configured now; written to the audit log by the recalculation
    /// itself. A form post from the SLA page is sent back to the page with the outcome; an API call gets JSON.
    /// </summary>
    private static async Task<IResult> Recalculate(HttpRequest request, SlaMeasures measures, WarehouseDatabase warehouse,
        ILogger<SlaMeasures> logger, CancellationToken ct)
    {
        var fromPage = request.HasFormContentType;
        var watch = Stopwatch.StartNew();
        var measured = await measures.RecalculateAllAsync(warehouse, AccountPrincipal.Actor(request.HttpContext.User), ct);
        var seconds = Math.Round(watch.Elapsed.TotalSeconds, 1);
        logger.LogInformation("SLA measures recalculated for {Complaints} complaints in {Seconds} s", measured, seconds);
        return fromPage
            ? Results.Redirect($"/sla?recalculated={measured}")
            : Results.Ok(new RecalculationResult(measured, seconds));
    }
}

public sealed record RecalculationResult(int MeasuredComplaints, double Seconds);
