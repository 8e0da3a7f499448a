using System.Globalization;
using Complaints.Ingest.Feeds;
using Complaints.Warehouse.Sla;

namespace Complaints.Testing;

/// <summary>
/// A small SLA data set whose per-complaint outcomes were worked out by hand in Europe/Warsaw, as of
/// <see cref="AsOf"/> (Monday 16 June 2025, noon). Tests aggregate <see cref="Complaints"/> with LINQ and compare with
/// what the warehouse computes, so an aggregate is checked against a second, independent method.
/// </summary>
public static class SlaFixture
{
    public const string Source = "sla-fixture";
    public const string VipSegment = "vip";
    public const string WaitingForCustomer = "waiting_for_customer";

    /// <summary>The as-of instant of every "as of now" expectation below.</summary>
    public static readonly DateTimeOffset AsOf = At("2025-06-16T12:00:00+02:00");

    /// <summary>The VIP resolution target changes from 3 to 2 calendar days for complaints received from 1 June 2025.</summary>
    public static readonly DateTimeOffset PolicyChange = At("2025-06-01T00:00:00+02:00");

    public static SlaOptions Options() => new()
    {
        Policies =
        [
            Vip(DateTimeOffset.MinValue, TimeSpan.FromDays(3)), Default(DateTimeOffset.MinValue),
            Vip(PolicyChange, TimeSpan.FromDays(2)), Default(PolicyChange),
        ],
    };

    private static SlaPolicySettings Vip(DateTimeOffset validFrom, TimeSpan resolution) => new()
    {
        Name = "vip", ValidFrom = validFrom, Segment = VipSegment,
        FirstResponseTarget = TimeSpan.FromHours(4), FirstResponseMode = SlaClockMode.BusinessHours,
        ResolutionTarget = resolution, ResolutionMode = SlaClockMode.Calendar,
        PausingStatuses = [WaitingForCustomer],
    };

    private static SlaPolicySettings Default(DateTimeOffset validFrom) => new()
    {
        Name = "default", ValidFrom = validFrom,
        FirstResponseTarget = TimeSpan.FromHours(24), FirstResponseMode = SlaClockMode.Calendar,
        ResolutionMode = SlaClockMode.StatutoryDeadline,
        PausingStatuses = [WaitingForCustomer],
    };

    /// <summary>One complaint and its hand-worked standing as of <see cref="AsOf"/> (null: not decided yet).</summary>
    public sealed record Row(
        string Id, string Segment, string Channel, string Team, string Sku, string Received, string? FirstResponse, string? Resolved,
        bool? FirstResponseBreached, bool? ResolutionBreached, bool? StatutoryMet, int Reopens = 0)
    {
        public DateTimeOffset ReceivedAt => At(Received);
        public DateTimeOffset? ResolvedAt => Resolved is null ? null : At(Resolved);
    }

    public static readonly IReadOnlyList<Row> Complaints =
    [
        // Thursday before Easter 2025: 14 days end on 1 May (holiday), so the deadline is Friday 2 May; answered that day.
        new("E1", "standard", "phone", "team_a", "HA-0001", "2025-04-17T10:00:00+02:00", "2025-04-18T09:00:00+02:00", "2025-05-02T15:00:00+02:00", false, false, true),
        // VIP on a Friday afternoon: 4 business hours due Monday 10:00; 3 calendar days due Monday 14:00, resolved Tuesday: breached.
        new("E2", VipSegment, "email", "team_a", "HA-0001", "2025-03-07T14:00:00+01:00", "2025-03-10T09:30:00+01:00", "2025-03-11T10:00:00+01:00", false, true, true),
        // VIP waiting for the customer for 48 h: resolution due moves from Thu 6 March 09:00 to Sat 8 March 09:00; resolved Fri 08:00.
        new("E3", VipSegment, "email", "team_a", "HA-0001", "2025-03-03T09:00:00+01:00", "2025-03-03T10:00:00+01:00", "2025-03-07T08:00:00+01:00", false, false, true),
        // Resolved, reopened, resolved again.
        new("E4", "standard", "email", "team_a", "EL-0001", "2025-03-10T09:00:00+01:00", "2025-03-10T12:00:00+01:00", "2025-03-17T12:00:00+01:00", false, false, true, Reopens: 1),
        // Received before the policy change: 3 days; resolved after 2 days 23 hours, met.
        new("E5", VipSegment, "email", "team_a", "EL-0001", "2025-05-30T10:00:00+02:00", "2025-05-30T11:00:00+02:00", "2025-06-02T09:00:00+02:00", false, false, true),
        // Received after it: 2 days; resolved after 2 days 2 hours, breached.
        new("E6", VipSegment, "email", "team_a", "EL-0001", "2025-06-02T10:00:00+02:00", "2025-06-02T11:00:00+02:00", "2025-06-04T12:00:00+02:00", false, true, true),
        // Open at the as-of instant, by local age in days: 0, 3, 4, 7, 8, 14 (22:30 UTC on 1 June is 2 June in Warsaw), 15, 27.
        new("O1", "standard", "email", "team_b", "EL-0001", "2025-06-16T08:00:00+02:00", null, null, null, null, null),
        new("O2", "standard", "email", "team_b", "EL-0001", "2025-06-13T09:00:00+02:00", null, null, true, null, null),
        new("O3", "standard", "web_form", "team_b", "EL-0001", "2025-06-12T09:00:00+02:00", null, null, true, null, null),
        new("O4", "standard", "web_form", "team_b", "EL-0001", "2025-06-09T09:00:00+02:00", null, null, true, null, null),
        new("O5", "standard", "email", "team_b", "HA-0001", "2025-06-08T09:00:00+02:00", null, null, true, null, null),
        new("O6", "standard", "email", "team_b", "HA-0001", "2025-06-02T00:30:00+02:00", null, null, true, null, null),
        new("O7", "standard", "email", "team_b", "HA-0001", "2025-06-01T09:00:00+02:00", null, null, true, null, null),
        // Statutory deadline Tuesday 3 June passed unanswered: deemed accepted, resolution overdue.
        new("O8", "standard", "email", "team_b", "HA-0001", "2025-05-20T09:00:00+02:00", null, null, true, true, false),
    ];

    public static readonly IReadOnlyDictionary<string, string> ProductLines =
        new Dictionary<string, string> { ["HA-0001"] = "Home appliances", ["EL-0001"] = "Electronics" };

    public static IReadOnlyList<(FeedLayout Feed, string Csv)> Files() =>
    [
        (FeedLayouts.Products, CanonicalCsv.Write(FeedLayouts.Products, [.. ProductLines.Select(p => new Dictionary<string, string>
        {
            ["sku"] = p.Key, ["name"] = p.Key, ["product_line"] = p.Value, ["category"] = "any", ["updated_at"] = "2025-01-01T00:00:00+00:00",
        })])),
        (FeedLayouts.Complaints, ComplaintsCsv()),
        (FeedLayouts.StatusEvents, CanonicalCsv.Write(FeedLayouts.StatusEvents,
            Event("E3", 1, "2025-03-03T09:00:00+01:00", "new"),
            Event("E3", 2, "2025-03-03T10:00:00+01:00", WaitingForCustomer),
            Event("E3", 3, "2025-03-05T10:00:00+01:00", "in_progress"),
            Event("E3", 4, "2025-03-07T08:00:00+01:00", "resolved"),
            Event("E4", 1, "2025-03-10T09:00:00+01:00", "new"),
            Event("E4", 2, "2025-03-12T09:00:00+01:00", "resolved"),
            Event("E4", 3, "2025-03-14T09:00:00+01:00", "reopened"),
            Event("E4", 4, "2025-03-17T12:00:00+01:00", "resolved"))),
    ];

    public static string ComplaintsCsv() => CanonicalCsv.Write(FeedLayouts.Complaints, [.. Complaints.Select(c => new Dictionary<string, string>
    {
        ["source"] = Source, ["external_id"] = c.Id, ["updated_at"] = c.Resolved ?? c.Received, ["received_at"] = c.Received,
        ["first_response_at"] = c.FirstResponse ?? "", ["resolved_at"] = c.Resolved ?? "",
        ["status"] = c.Resolved is null ? "in_progress" : "resolved", ["channel"] = c.Channel, ["team"] = c.Team,
        ["product_sku"] = c.Sku, ["customer_id"] = $"K-{c.Id}", ["customer_segment"] = c.Segment,
    })]);

    private static Dictionary<string, string> Event(string complaint, int n, string at, string status) => new()
    {
        ["source"] = "crm", ["external_id"] = $"{complaint}-{n}", ["complaint_source"] = Source, ["complaint_id"] = complaint,
        ["occurred_at"] = at, ["to_status"] = status, ["updated_at"] = at,
    };

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
