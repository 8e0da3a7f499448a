using Complaints.Dashboards.Access;
using Complaints.Dashboards.Features.Filters;
using Complaints.Warehouse;
using Complaints.Warehouse.Overview;

namespace Complaints.Dashboards.Features.Overview;

/// <summary>The Overview's figures as JSON, from the same queries the page draws, with the page's filter names.</summary>
public static class OverviewEndpoints
{
    public static IEndpointRouteBuilder MapOverviewEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/overview").WithTags("Overview").RequireAuthorization(Policies.Dashboards);
        api.MapGet("", (FilterRequest query, string? bucket, OverviewQueries queries, CancellationToken ct) =>
            TimeBuckets.Parse(bucket) is not null || string.IsNullOrEmpty(bucket)
                ? query.AnswerAsync(filter => queries.GetAsync(filter, TimeBuckets.Parse(bucket) ?? TimeBucket.Month, ct))
                : Task.FromResult(TimeBuckets.Invalid(bucket)));
        api.MapGet("/complaints-per-product", (FilterRequest query, OverviewQueries queries) =>
            query.AnswerAsync(filter => Task.FromResult(queries.ComplaintsPerProduct(filter))));
        api.MapGet("/trend", (FilterRequest query, string? bucket, OverviewQueries queries) =>
            TimeBuckets.Parse(bucket) is not null || string.IsNullOrEmpty(bucket)
                ? query.AnswerAsync(filter => Task.FromResult(queries.Trend(filter, TimeBuckets.Parse(bucket) ?? TimeBucket.Month)))
                : Task.FromResult(TimeBuckets.Invalid(bucket)));
        api.MapGet("/handling-time-per-product", (FilterRequest query, OverviewQueries queries) =>
            query.AnswerAsync(filter => Task.FromResult(queries.HandlingTimePerProduct(filter))));
        api.MapGet("/cost-per-product", (FilterRequest query, OverviewQueries queries) =>
            query.AnswerAsync(filter => Task.FromResult(queries.CostPerProduct(filter))));
        return app;
    }
}

/// <summary>The trend's bucket as the URL names it: day, week, month or quarter, in any case.</summary>
public static class TimeBuckets
{
    public static TimeBucket? Parse(string? text) =>
        Enum.TryParse<TimeBucket>(text, ignoreCase: true, out var bucket) && Enum.IsDefined(bucket) && !int.TryParse(text, out _) ? bucket : null;

    public static IResult Invalid(string? text) => TypedResults.Problem(title: "Invalid bucket",
        detail: $"'bucket' must be day, week, month or quarter (got '{text}').", statusCode: StatusCodes.Status400BadRequest);
}
