using System.Data;
using Complaints.Warehouse;

namespace Complaints.Reports.Subscriptions;

/// <summary>Subscriptions and their deliveries in the warehouse (report_subscriptions, report_deliveries); writes pass the writer gate.</summary>
public sealed class SubscriptionStore(WarehouseDatabase warehouse, TimeProvider time)
{
    private const string Columns = "subscription_id, name, report, schedule, recipients, filter, period, culture, paused, created_at, updated_at";

    public IReadOnlyList<Subscription> List()
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList($"SELECT {Columns} FROM report_subscriptions ORDER BY subscription_id", Read);
    }

    public Subscription? Find(long id)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList($"SELECT {Columns} FROM report_subscriptions WHERE subscription_id = $id", Read, ("id", id)).SingleOrDefault();
    }

    /// <summary>Stores a checked draft as a new subscription (<paramref name="id"/> null) or over an existing one; returns its id, or null when there is no such one.</summary>
    public Task<long?> SaveAsync(long? id, SubscriptionDraft draft, CancellationToken cancellationToken = default)
    {
        if (draft.Problems() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join(" ", problems), nameof(draft));
        var now = time.GetUtcNow();
        (string, object?)[] values =
        [
            ("name", draft.Name!.Trim()), ("report", draft.Report!.ToLowerInvariant()), ("schedule", draft.Schedule!.Trim()),
            ("recipients", string.Join(",", SubscriptionDraft.RecipientList(draft.Recipients))), ("filter", (draft.Filter ?? "").Trim().TrimStart('?')),
            ("period", draft.Period), ("culture", draft.Culture), ("now", now), ("id", id),
        ];
        return warehouse.WriteAsync(connection => Task.FromResult(id is null
            ? connection.Scalar<long?>("""
                INSERT INTO report_subscriptions (name, report, schedule, recipients, filter, period, culture, paused, created_at, updated_at)
                VALUES ($name, $report, $schedule, $recipients, $filter, $period, $culture, false, $now, $now) RETURNING subscription_id
                """, values)
            : connection.Execute("""
                UPDATE report_subscriptions SET name = $name, report = $report, schedule = $schedule, recipients = $recipients, filter = $filter,
                       period = $period, culture = $culture, updated_at = $now
                WHERE subscription_id = $id
                """, values) == 1 ? id : null), cancellationToken);
    }

    public Task<bool> SetPausedAsync(long id, bool paused, CancellationToken cancellationToken = default) =>
        warehouse.WriteAsync(connection => Task.FromResult(connection.Execute(
            "UPDATE report_subscriptions SET paused = $paused, updated_at = $now WHERE subscription_id = $id",
            ("paused", paused), ("now", time.GetUtcNow()), ("id", id)) == 1), cancellationToken);

    public Task<long> RecordAsync(Delivery delivery, CancellationToken cancellationToken = default) =>
        warehouse.WriteAsync(connection => Task.FromResult(connection.Scalar<long>("""
            INSERT INTO report_deliveries (subscription_id, due_at, on_demand, sent_at, recipients, file_name, bytes, sha256, attempts, succeeded, destination, error)
            VALUES ($subscription, $due, $on_demand, $sent, $recipients, $file, $bytes, $sha, $attempts, $ok, $destination, $error) RETURNING delivery_id
            """, ("subscription", delivery.SubscriptionId), ("due", delivery.DueAt), ("on_demand", delivery.OnDemand), ("sent", delivery.SentAt), ("recipients", delivery.Recipients),
            ("file", delivery.FileName), ("bytes", delivery.Bytes), ("sha", delivery.Sha256), ("attempts", delivery.Attempts), ("ok", delivery.Succeeded),
            ("destination", delivery.Destination), ("error", delivery.Error))), cancellationToken);

    /// <summary>The latest deliveries first.</summary>
    public IReadOnlyList<Delivery> Deliveries(long? subscriptionId = null, int limit = 50)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList("""
            SELECT delivery_id, subscription_id, due_at, on_demand, sent_at, recipients, file_name, bytes, sha256, attempts, succeeded, destination, error
            FROM report_deliveries WHERE $subscription IS NULL OR subscription_id = $subscription
            ORDER BY sent_at DESC, delivery_id DESC LIMIT $limit
            """, r => new Delivery(r.GetInt64(0), r.GetInt64(1), r.GetInstant(2), r.GetBoolean(3), r.GetInstant(4), r.GetString(5), r.GetString(6), r.GetInt64(7),
                r.GetString(8), r.GetInt32(9), r.GetBoolean(10), r.NullableString(11), r.NullableString(12)), ("subscription", subscriptionId), ("limit", limit));
    }

    /// <summary>The latest scheduled occurrence already dealt with (sent or failed after its retries), or null before the first.</summary>
    public DateTimeOffset? LastDueHandled(long subscriptionId)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList("SELECT max(due_at) FROM report_deliveries WHERE subscription_id = $id AND NOT on_demand",
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetInstant(0), ("id", subscriptionId)).Single();
    }

    private static Subscription Read(IDataRecord r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
        SubscriptionDraft.RecipientList(r.GetString(4)), r.GetString(5), r.GetString(6), r.GetString(7), r.GetBoolean(8), r.GetInstant(9), r.GetInstant(10));
}
