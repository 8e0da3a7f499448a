using System.Security.Claims;
using Complaints.Dashboards.Access;
using Complaints.Reports.Subscriptions;
using Complaints.Warehouse.Accounts;

namespace Complaints.Dashboards.Features.Subscriptions;

/// <summary>
/// Subscriptions from the page's forms (antiforgery-checked) and as JSON: list, save (create or edit), pause, resume,
/// send now. Mapped as one group, so an access policy is one line on it. Each account sees and manages its own
/// subscriptions; administrators every one: another's subscription is answered 404, as if it were not there.
/// </summary>
public static class SubscriptionEndpoints
{
    public const string Prefix = "/api/subscriptions";

    public static RouteGroupBuilder MapSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Subscriptions").RequireAuthorization(Policies.Subscriptions);
        api.MapGet("", (SubscriptionStore store, SubscriptionDispatcher dispatcher, ClaimsPrincipal user) =>
        {
            var viewer = ViewerOf(user);
            return TypedResults.Ok(store.List(viewer).Select(s => new { subscription = s, next = s.Paused ? null : dispatcher.Next(s), deliveries = store.Deliveries(viewer, s.Id, 10) }));
        });
        api.MapPost("", Save).WithFormAntiforgery();
        api.MapPost("/{subscriptionId:long}/pause", (long subscriptionId, SubscriptionStore store, ClaimsPrincipal user, CancellationToken ct) =>
            Pause(subscriptionId, true, store, ViewerOf(user), ct)).WithFormAntiforgery();
        api.MapPost("/{subscriptionId:long}/resume", (long subscriptionId, SubscriptionStore store, ClaimsPrincipal user, CancellationToken ct) =>
            Pause(subscriptionId, false, store, ViewerOf(user), ct)).WithFormAntiforgery();
        api.MapPost("/{subscriptionId:long}/send", (long subscriptionId, SubscriptionStore store, SubscriptionRunner runner, TimeProvider time, ClaimsPrincipal user, CancellationToken ct) =>
            SendNow(subscriptionId, store, runner, time, ViewerOf(user), ct)).WithFormAntiforgery();
        return api;
    }

    /// <summary>The signed-in account as the subscriptions see it: its user name, and whether it administers (sees every one).</summary>
    public static SubscriptionViewer ViewerOf(ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? throw new InvalidOperationException("Subscriptions are read by a signed-in account."), user.IsInRole(Roles.Administrator));

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
        var saved = await store.SaveAsync(id, draft, ViewerOf(request.HttpContext.User), ct);
        return saved is null ? Results.NotFound() : Results.Redirect($"/subscriptions?saved={saved}");
    }

    private static async Task<IResult> Pause(long id, bool paused, SubscriptionStore store, SubscriptionViewer viewer, CancellationToken ct) =>
        await store.SetPausedAsync(id, paused, viewer, ct) ? Results.Redirect("/subscriptions") : Results.NotFound();

    private static async Task<IResult> SendNow(long id, SubscriptionStore store, SubscriptionRunner runner, TimeProvider time, SubscriptionViewer viewer, CancellationToken ct)
    {
        if (store.Find(id, viewer) is not { } subscription)
            return Results.NotFound();
        var delivery = await runner.RunAsync(subscription, time.GetUtcNow(), onDemand: true, ct);
        return Results.Redirect($"/subscriptions?sent={(delivery.Succeeded ? "ok" : "failed")}");
    }
}
