using System.Globalization;
using Complaints.Ingest.Feeds;

namespace Complaints.Testing;

/// <summary>
/// Costs, monthly exchange rates, units sold and survey answers for the SLA fixture's complaints. Tests compute the
/// expected figures from these rows with LINQ (rates looked up by hand, each booking rounded to cents), a second
/// route to every number <c>/api/costs</c> and <c>/api/feedback</c> return.
/// </summary>
public static class CostFeedbackFixture
{
    /// <summary>The host's fixed EUR rate (appsettings.json): the fallback for a month without a feed rate.</summary>
    public const decimal ConfiguredEurRate = 4.30m;
    public const decimal ResolutionBreachPenalty = 100m;
    public const decimal StatutoryMissPenalty = 250m;

    public sealed record CostRow(string Id, string Complaint, string Type, decimal Amount, string Currency, string BookedOn)
    {
        public DateOnly Booked => DateOnly.ParseExact(BookedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public sealed record SurveyRow(string Id, string Complaint, int? Csat, int? Nps);

    public static readonly IReadOnlyList<CostRow> Costs =
    [
        new("K1", "E1", "repair", 100.00m, "PLN", "2025-05-05"),
        new("K2", "E1", "logistics", 20.00m, "EUR", "2025-05-06"),        // May rate 4.25: 85.00
        new("K3", "E2", "refund", 300.00m, "EUR", "2025-03-12"),          // March rate 4.20: 1,260.00
        new("K4", "E3", "goodwill", 15.55m, "EUR", "2025-03-31"),         // March rate 4.20: 65.31
        new("K5", "E4", "repair", 80.00m, "EUR", "2025-04-01"),           // no April rate: configured 4.30, 344.00
        new("K6", "E4", "labour", 5.00m, "USD", "2025-04-02"),            // no rate at all: unconverted
        new("K7", "E5", "replacement", 499.99m, "PLN", "2025-06-03"),
        new("K8", "E6", "expert_opinion", 120.00m, "EUR", "2025-06-05"),  // June rate 4.10: 492.00
    ];

    /// <summary>EUR per month (first day); April is missing on purpose.</summary>
    public static readonly IReadOnlyDictionary<DateOnly, decimal> EurRates = new Dictionary<DateOnly, decimal>
    {
        [new(2025, 3, 1)] = 4.20m, [new(2025, 5, 1)] = 4.25m, [new(2025, 6, 1)] = 4.10m,
    };

    /// <summary>Units sold per product and month: March to June 2025.</summary>
    public static readonly IReadOnlyDictionary<(string Sku, DateOnly Month), long> UnitsSold =
        (from sku in new[] { "HA-0001", "EL-0001" }
         from month in Enumerable.Range(3, 4)
         select (sku, month)).ToDictionary(x => (x.sku, new DateOnly(2025, x.month, 1)), x => x.sku == "HA-0001" ? 1000L : 500L);

    public static readonly IReadOnlyList<SurveyRow> Surveys =
    [
        new("S1", "E1", 5, 10), new("S2", "E2", 2, 3), new("S3", "E3", 4, 7),
        new("S4", "E4", null, 9), new("S5", "E5", 5, null), new("S6", "E5", 3, 6),
    ];

    /// <summary>A booking in the reporting currency (PLN), or null when no rate applies.</summary>
    public static decimal? InPln(CostRow cost)
    {
        var month = new DateOnly(cost.Booked.Year, cost.Booked.Month, 1);
        decimal? rate = cost.Currency switch
        {
            "PLN" => 1m,
            "EUR" => EurRates.TryGetValue(month, out var monthly) ? monthly : ConfiguredEurRate,
            _ => null,
        };
        return rate is { } r ? Math.Round(cost.Amount * r, 2, MidpointRounding.AwayFromZero) : null;
    }

    public static IReadOnlyList<(FeedLayout Feed, string Csv)> Files() =>
    [
        (FeedLayouts.ExchangeRates, CanonicalCsv.Write(FeedLayouts.ExchangeRates, [.. EurRates.Select(r => new Dictionary<string, string>
        {
            ["currency"] = "EUR", ["month"] = r.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["rate"] = r.Value.ToString(CultureInfo.InvariantCulture), ["updated_at"] = "2025-07-01T00:00:00Z",
        })])),
        (FeedLayouts.UnitsSold, CanonicalCsv.Write(FeedLayouts.UnitsSold, [.. UnitsSold.Select(u => new Dictionary<string, string>
        {
            ["sku"] = u.Key.Sku, ["month"] = u.Key.Month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["units"] = u.Value.ToString(CultureInfo.InvariantCulture), ["updated_at"] = "2025-07-01T00:00:00Z",
        })])),
        (FeedLayouts.Costs, CanonicalCsv.Write(FeedLayouts.Costs, [.. Costs.Select(c => new Dictionary<string, string>
        {
            ["source"] = "erp", ["external_id"] = c.Id, ["complaint_source"] = SlaFixture.Source, ["complaint_id"] = c.Complaint,
            ["cost_type"] = c.Type, ["amount"] = c.Amount.ToString(CultureInfo.InvariantCulture), ["currency"] = c.Currency,
            ["booked_on"] = c.BookedOn, ["updated_at"] = c.BookedOn + "T12:00:00Z",
        })])),
        (FeedLayouts.Surveys, CanonicalCsv.Write(FeedLayouts.Surveys, [.. Surveys.Select(s => new Dictionary<string, string>
        {
            ["source"] = "survey", ["external_id"] = s.Id, ["complaint_source"] = SlaFixture.Source, ["complaint_id"] = s.Complaint,
            ["answered_at"] = "2025-06-10T12:00:00Z", ["csat"] = s.Csat?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["nps"] = s.Nps?.ToString(CultureInfo.InvariantCulture) ?? "", ["updated_at"] = "2025-06-10T12:00:00Z",
        })])),
    ];
}
