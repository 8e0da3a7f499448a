using Complaints.Dashboards.Access;
using Complaints.Models.Defects;
using Complaints.Warehouse;
using Complaints.Warehouse.PersonalData;

namespace Complaints.Dashboards.Features.Defects;

/// <summary>Recurring-defect signals as JSON, a series' weekly counts against its expectation, and the status workflow.</summary>
public static class DefectsEndpoints
{
    public const string StatusPath = "/api/defects/status";

    public static IEndpointRouteBuilder MapDefectsEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/defects").WithTags("Defects").RequireAuthorization(Policies.Complaints);
        api.MapGet("", (WarehouseDatabase warehouse, DefectSignals signals) =>
        {
            using var connection = warehouse.OpenConnection();
            return TypedResults.Ok(new { asOf = signals.JudgedDay(), signals = signals.List(connection) });
        });
        api.MapGet("/weeks", (string key, DefectSignals signals) =>
            signals.Weeks(key) is { Count: > 0 } weeks
                ? Results.Ok(weeks)
                : Results.Problem(title: "No such series", detail: $"There is no product or line series '{key}'; keys look like product|HA-0001|leaking.", statusCode: 404));
        api.MapGet("/themes", (string product, DateOnly? from, DateOnly? to, DefectSignals signals, PersonalDataStore personalData) =>
            TypedResults.Ok(ThemeTerms.Masked(signals.Themes(product, from, to), personalData).Select(t => new
        {
            t.TopTerms, t.Size, t.Observed, t.Expected, t.Examples, weekly = t.Weekly.Select(w => new { w.WeekFrom, w.Complaints }),
        })));
        api.MapPost("/status", SetStatus).RequireAuthorization(Policies.SignalsWorkflow).WithFormAntiforgery();
        return app;
    }

    /// <summary>
    /// Sets a signal's status (new, acknowledged, dismissed) with a reason, written to the audit log. A form post from
    /// the page goes back to it with the outcome; an API call (JSON body) gets JSON.
    /// </summary>
    private static async Task<IResult> SetStatus(HttpRequest request, DefectSignals signals, CancellationToken ct)
    {
        var fromPage = request.HasFormContentType;
        StatusChange? change = fromPage
            ? await request.ReadFormAsync(ct) is var form ? new StatusChange(form["key"].ToString(), form["status"].ToString(), form["reason"].ToString()) : null
            : await request.ReadFromJsonAsync<StatusChange>(ct);
        if (change is null || string.IsNullOrWhiteSpace(change.Key) || !DefectSignals.Statuses.Contains(change.Status) || string.IsNullOrWhiteSpace(change.Reason))
            return fromPage ? Results.Redirect("/defects?change=incomplete")
                : Results.Problem(title: "Incomplete change", detail: $"Send key, status ({string.Join(", ", DefectSignals.Statuses)}) and a reason.", statusCode: 400);
        var actor = AccountPrincipal.Actor(request.HttpContext.User);
        if (!await signals.SetStatusAsync(change.Key, change.Status, change.Reason.Trim(), actor, ct))
            return fromPage ? Results.Redirect("/defects?change=unknown") : Results.Problem(title: "No such signal", detail: change.Key, statusCode: 404);
        return fromPage ? Results.Redirect($"/defects?change=done") : Results.Ok(change);
    }
}

public sealed record StatusChange(string Key, string Status, string Reason);
