using Complaints.Dashboards.Access;
using System.Globalization;
using Complaints.Dashboards.Features.Filters;
using Complaints.Warehouse.History;

namespace Complaints.Dashboards.Features.History;

/// <summary>Figures as the warehouse knew them at a past instant: <c>GET /api/history/complaints-per-product?asOf=…</c> with the shared filters.</summary>
public static class HistoryEndpoints
{
    public static IEndpointRouteBuilder MapHistoryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/history/complaints-per-product", (FilterRequest query, string? asOf, HistoryQueries history) =>
        {
            if (!DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) || !HasOffset(asOf!))
                return Problem("Invalid asOf", $"'asOf' must be an ISO 8601 instant with an offset or Z, e.g. 2025-05-01T00:00:00Z (got '{asOf}').");
            if (query.Error is { } error)
                return Problem("Invalid filter", FilterWords.Error(error));
            return TypedResults.Ok(history.ComplaintsPerProduct(instant, query.Filter));
        }).WithTags("History").RequireAuthorization(Policies.Dashboards);
        return app;
    }

    /// <summary>A time without an offset would be read in the server's zone; an instant must say which it means.</summary>
    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$");

    private static IResult Problem(string title, string detail) => TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
