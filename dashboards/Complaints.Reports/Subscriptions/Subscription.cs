namespace Complaints.Reports.Subscriptions;

/// <summary>
/// A report sent on a schedule: <paramref name="Schedule"/> is a Quartz cron in the reporting time zone,
/// <paramref name="Filter"/> the shared filters as a query string (dates come from <paramref name="Period"/> at each run);
/// <paramref name="Owner"/> the account that made it (none: the administrators').
/// </summary>
public sealed record Subscription(
    long Id, string Name, string Report, string Schedule, IReadOnlyList<string> Recipients, string Filter, string Period, string Culture,
    bool Paused, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Owner = null);

/// <summary>One delivery of a subscription: the occurrence it was for, what was sent where, and how it ended.</summary>
public sealed record Delivery(
    long Id, long SubscriptionId, DateTimeOffset DueAt, bool OnDemand, DateTimeOffset SentAt, string Recipients, string FileName, long Bytes, string Sha256,
    int Attempts, bool Succeeded, string? Destination, string? Error);
