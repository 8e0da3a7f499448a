using System.Data;
using Complaints.Warehouse;

namespace Complaints.Reports.Subscriptions;

/// <summary>
/// Subscriptions and their deliveries in the warehouse (report_subscriptions, report_deliveries); writes pass the writer
/// gate. Every read and change is as a <see cref="SubscriptionViewer"/>: another account's subscription is, to a
/// viewer who may not manage it, not there at all.
/// </summary>
public sealed class SubscriptionStore(WarehouseDatabase warehouse, TimeProvider time)
{
    private const string Columns = "s.subscription_id, name, report, schedule, recipients, filter, period, culture, paused, created_at, updated_at, o.owner";

    /// <summary>Subscriptions with their owners (report_subscription_owners; none: the administrators').</summary>
    private const string WithOwners = "report_subscriptions s LEFT JOIN report_subscription_owners o ON o.subscription_id = s.subscription_id";

    public IReadOnlyList<Subscription> List(SubscriptionViewer viewer)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList($"SELECT {Columns} FROM {WithOwners} WHERE {viewer.Condition()} ORDER BY s.subscription_id", Read, viewer.Parameters);
    }

    public Subscription? Find(long id, SubscriptionViewer viewer)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList($"SELECT {Columns} FROM {WithOwners} WHERE s.subscription_id = $id AND {viewer.Condition()}", Read,
            [("id", id), .. viewer.Parameters]).SingleOrDefault();
    }

    /// <summary>
    /// Stores a checked draft as a new subscription of <paramref name="viewer"/> (<paramref name="id"/> null) or over an
    /// existing one they may manage (its owner stays); returns its id, or null when there is no such one for them.
    /// </summary>
    public Task<long?> SaveAsync(long? id, SubscriptionDraft draft, SubscriptionViewer viewer, CancellationToken cancellationToken = default)
    {
        if (draft.Problems() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join(" ", problems), nameof(draft));
        var now = time.GetUtcNow();
        (string, object?)[] values =
        [
            ("name", draft.Name!.Trim()), ("report", draft.Report!.ToLowerInvariant()), ("schedule", draft.Schedule!.Trim()),
            ("recipients", string.Join(",", SubscriptionDraft.RecipientList(draft.Recipients))), ("filter", (draft.Filter ?? "").Trim().TrimStart('?')),
            ("period", draft.Period), ("culture", draft.Culture), ("now", now), ("id", id), ("owner", viewer.UserName), .. viewer.Parameters,
        ];
        return warehouse.WriteAsync(connection =>
        {
            if (id is not null)
                return Task.FromResult(connection.Execute($"""
                    UPDATE report_subscriptions SET name = $name, report = $report, schedule = $schedule, recipients = $recipients, filter = $filter,
                           period = $period, culture = $culture, updated_at = $now
                    WHERE subscription_id = $id AND subscription_id IN (SELECT s.subscription_id FROM {WithOwners} WHERE {viewer.Condition()})
                    """, values) == 1 ? id : null);
            // The subscription and its owner together, or neither.
            using var transaction = connection.BeginTransaction();
            var created = connection.Scalar<long>("""
                INSERT INTO report_subscriptions (name, report, schedule, recipients, filter, period, culture, paused, created_at, updated_at)
                VALUES ($name, $report, $schedule, $recipients, $filter, $period, $culture, false, $now, $now) RETURNING subscription_id
                """, values);
            connection.Execute("INSERT INTO report_subscription_owners VALUES ($id, $owner)", ("id", created), ("owner", viewer.UserName));
            transaction.Commit();
            return Task.FromResult<long?>(created);
        }, cancellationToken);
    }

    public Task<bool> SetPausedAsync(long id, bool paused, SubscriptionViewer viewer, CancellationToken cancellationToken = default) =>
        warehouse.WriteAsync(connection => Task.FromResult(connection.Execute(
            $"UPDATE report_subscriptions SET paused = $paused, updated_at = $now WHERE subscription_id = $id AND subscription_id IN (SELECT s.subscription_id FROM {WithOwners} WHERE {viewer.Condition()})",
            [("paused", paused), ("now", time.GetUtcNow()), ("id", id), .. viewer.Parameters]) == 1), cancellationToken);

    public Task<long> RecordAsync(Delivery delivery, CancellationToken cancellationToken = default) =>
        warehouse.WriteAsync(connection => Task.FromResult(connection.Scalar<long>("""
            INSERT INTO report_deliveries (subscription_id, due_at, on_demand, sent_at, recipients, file_name, bytes, sha256, attempts, succeeded, destination, error)
            VALUES ($subscription, $due, $on_demand, $sent, $recipients, $file, $bytes, $sha, $attempts, $ok, $destination, $error) RETURNING delivery_id
            """, ("subscription", delivery.SubscriptionId), ("due", delivery.DueAt), ("on_demand", delivery.OnDemand), ("sent", delivery.SentAt), ("recipients", delivery.Recipients),
            ("file", delivery.FileName), ("bytes", delivery.Bytes), ("sha", delivery.Sha256), ("attempts", delivery.Attempts), ("ok", delivery.Succeeded),
            ("destination", delivery.Destination), ("error", delivery.Error))), cancellationToken);

    /// <summary>The latest deliveries of the subscriptions <paramref name="viewer"/> may see (of one, or of all of them) first.</summary>
    public IReadOnlyList<Delivery> Deliveries(SubscriptionViewer viewer, long? subscriptionId = null, int limit = 50)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList($"""
            SELECT d.delivery_id, d.subscription_id, d.due_at, d.on_demand, d.sent_at, d.recipients, d.file_name, d.bytes, d.sha256, d.attempts, d.succeeded, d.destination, d.error
            FROM report_deliveries d JOIN {WithOwners} ON s.subscription_id = d.subscription_id
            WHERE ($subscription IS NULL OR d.subscription_id = $subscription) AND {viewer.Condition()}
            ORDER BY d.sent_at DESC, d.delivery_id DESC LIMIT $limit
            """, r => new Delivery(r.GetInt64(0), r.GetInt64(1), r.GetInstant(2), r.GetBoolean(3), r.GetInstant(4), r.GetString(5), r.GetString(6), r.GetInt64(7),
                r.GetString(8), r.GetInt32(9), r.GetBoolean(10), r.NullableString(11), r.NullableString(12)),
            [("subscription", subscriptionId), ("limit", limit), .. viewer.Parameters]);
    }

    /// <summary>The latest scheduled occurrence already dealt with (sent or failed after its retries), or null before the first.</summary>
    public DateTimeOffset? LastDueHandled(long subscriptionId)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList("SELECT max(due_at) FROM report_deliveries WHERE subscription_id = $id AND NOT on_demand",
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetInstant(0), ("id", subscriptionId)).Single();
    }

    private static Subscription Read(IDataRecord r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
        SubscriptionDraft.RecipientList(r.GetString(4)), r.GetString(5), r.GetString(6), r.GetString(7), r.GetBoolean(8), r.GetInstant(9), r.GetInstant(10), r.NullableString(11));
}
