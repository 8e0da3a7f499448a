using Complaints.Dashboards.Access;
using Complaints.Warehouse.PersonalData;

namespace Complaints.Dashboards.Features.PersonalData;

/// <summary><c>POST /api/personal-data/erase</c>: erases a data subject by customer id or e-mail (an administrator holding the personal-data permission).</summary>
public static class PersonalDataEndpoints
{
    public static IEndpointRouteBuilder MapPersonalDataEndpoints(this IEndpointRouteBuilder app)
    {
        // Both policies hold: erasing needs the administrator's role and the permission to handle personal data.
        app.MapPost("/api/personal-data/erase", async (ErasureRequest request, HttpContext context, PersonalDataStore store, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.CustomerId) == string.IsNullOrWhiteSpace(request.Email))
                return Results.Problem(title: "Name the data subject", detail: "Send customerId (and optionally source) or email, one of them.", statusCode: 400);
            var erased = await store.EraseAsync(request.CustomerId, request.Email, AccountPrincipal.Actor(context.User), request.Source, ct);
            return erased.Count == 0
                ? Results.Problem(title: "Nobody matched", detail: "No personal data is held for that customer id or e-mail (erased already, or never delivered).", statusCode: 404)
                : Results.Ok(new { erased });
        }).RequireAuthorization(Policies.Administration, Policies.PersonalData).WithTags("Personal data");
        return app;
    }
}

public sealed record ErasureRequest(string? CustomerId, string? Email, string? Source);
