using Complaints.Dashboards.Access;
using Complaints.Reports.Subscriptions;

namespace Complaints.Dashboards.Features.Subscriptions;

/// <summary>
/// Subscriptions from the page's forms (antiforgery-checked) and as JSON: list, save (create or edit), pause, resume,
/// send now. Mapped as one group, so an access policy is one line on it.
/// </summary>
public static class SubscriptionEndpoints
{
    public const string Prefix = "/api/subscriptions";

    public static RouteGroupBuilder MapSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Subscriptions").RequireAuthorization(Policies.Subscriptions);
        api.MapGet("", (SubscriptionStore store, SubscriptionDispatcher dispatcher) =>
            TypedResults.Ok(store.List().Select(s => new { subscription = s, next = s.Paused ? null : dispatcher.Next(s), deliveries = store.Deliveries(s.Id, 10) })));
        api.MapPost("", Save).WithFormAntiforgery();
        api.MapPost("/{subscriptionId:long}/pause", (long subscriptionId, SubscriptionStore store, CancellationToken ct) => Pause(subscriptionId, true, store, ct)).WithFormAntiforgery();
        api.MapPost("/{subscriptionId:long}/resume", (long subscriptionId, SubscriptionStore store, CancellationToken ct) => Pause(subscriptionId, false, store, ct)).WithFormAntiforgery();
        api.MapPost("/{subscriptionId:long}/send", (long subscriptionId, SubscriptionStore store, SubscriptionRunner runner, TimeProvider time, CancellationToken ct) =>
            SendNow(subscriptionId, store, runner, time, ct)).WithFormAntiforgery();
        return api;
    }

    private static async Task<IResult> Save(HttpRequest request, SubscriptionStore store, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return TypedResults.Problem(title: "Send the subscription's form fields",
                detail: "Post name, report, schedule, recipients, filter, period and culture as form fields (application/x-www-form-urlencoded).", statusCode: StatusCodes.Status415UnsupportedMediaType);
        var form = await request.ReadFormAsync(ct);
        var draft = new SubscriptionDraft(form["name"], form["report"], form["schedule"], form["recipients"], form["filter"], form["period"], form["culture"]);
        long? id = long.TryParse(form["id"], out var existing) ? existing : null;
        if (draft.Problems() is { Count: > 0 } problems)
            return Results.Redirect($"/subscriptions?problem={Uri.EscapeDataString(string.Join(" ", problems))}{(id is null ? "" : $"&edit={id}")}");
        var saved = await store.SaveAsync(id, draft, ct);
        return saved is null ? Results.NotFound() : Results.Redirect($"/subscriptions?saved={saved}");
    }

    private static async Task<IResult> Pause(long id, bool paused, SubscriptionStore store, CancellationToken ct) =>
        await store.SetPausedAsync(id, paused, ct) ? Results.Redirect("/subscriptions") : Results.NotFound();

    private static async Task<IResult> SendNow(long id, SubscriptionStore store, SubscriptionRunner runner, TimeProvider time, CancellationToken ct)
    {
        if (store.Find(id) is not { } subscription)
            return Results.NotFound();
        var delivery = await runner.RunAsync(subscription, time.GetUtcNow(), onDemand: true, ct);
        return Results.Redirect($"/subscriptions?sent={(delivery.Succeeded ? "ok" : "failed")}");
    }
}
