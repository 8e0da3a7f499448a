namespace Complaints.Reports.Subscriptions;

/// <summary>
/// Who reads or changes subscriptions: an account sees and manages only those it owns; an administrator every one,
/// including those without an owner (made before owners were stored). The dispatcher reads them all as <see cref="Scheduler"/>.
/// </summary>
public sealed record SubscriptionViewer(string UserName, bool Administrator)
{
    public static readonly SubscriptionViewer Scheduler = new("scheduler", Administrator: true);

    public bool May(Subscription subscription) => Administrator || subscription.Owner == UserName;

    /// <summary>The SQL condition on the owners' table (aliased <c>o</c>), and its bound values.</summary>
    internal string Condition() => "($see_all OR o.owner = $viewer)";

    internal (string, object?)[] Parameters => [("see_all", Administrator), ("viewer", UserName)];
}
