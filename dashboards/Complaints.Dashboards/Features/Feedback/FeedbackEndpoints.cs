using Complaints.Dashboards.Access;
using Complaints.Dashboards.Features.Filters;
using Complaints.Warehouse.Feedback;

namespace Complaints.Dashboards.Features.Feedback;

/// <summary>The Feedback page's figures as JSON, from the same queries the page draws, with the page's filter names.</summary>
public static class FeedbackEndpoints
{
    public static IEndpointRouteBuilder MapFeedbackEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/feedback").WithTags("Feedback").RequireAuthorization(Policies.Dashboards).MapGet("", (FilterRequest query, FeedbackQueries queries, CancellationToken ct) =>
            query.AnswerAsync(filter => queries.GetAsync(filter, ct)));
        return app;
    }
}
