using Complaints.Ingest.Feeds;

namespace Complaints.Testing;

/// <summary>
/// A small, hand-checked data set. Its expected figures below were worked out by hand, in the Europe/Warsaw
/// reporting zone, with EUR at 4.30 PLN; USD deliberately has no rate.
/// </summary>
public static class OverviewFixture
{
    public const string Source = "fixture";
    public const decimal EurRate = 4.30m;

    public static IReadOnlyList<(FeedLayout Feed, string Csv)> Files() =>
    [
        (FeedLayouts.Products, CanonicalCsv.Write(FeedLayouts.Products,
            Product("HA-0001", "Kettle Aqua", "Home appliances", "kettles"),
            Product("HA-0002", "Toaster Duo", "Home appliances", "toasters"),
            Product("EL-0001", "Headphones X", "Electronics", "audio"))),
        (FeedLayouts.Complaints, CanonicalCsv.Write(FeedLayouts.Complaints,
            Complaint("C1", "HA-0001", "2024-01-10T09:00:00+01:00", "2024-01-14T09:00:00+01:00"),   // 4 days
            Complaint("C2", "HA-0001", "2024-01-20T10:00:00+01:00", "2024-01-22T10:00:00+01:00"),   // 2 days
            Complaint("C3", "HA-0001", "2024-02-05T08:00:00+01:00", "2024-02-15T08:00:00+01:00"),   // 10 days
            Complaint("C4", "HA-0002", "2024-01-31T23:30:00+00:00", null),                          // 1 Feb in Warsaw
            Complaint("C5", "HA-0002", "2023-12-31T23:30:00+00:00", "2024-01-03T00:30:00+01:00"),   // 1 Jan in Warsaw; 2 days
            Complaint("C6", "EL-0001", "2024-02-10T12:00:00+01:00", "2024-02-11T00:00:00+01:00"),   // half a day
            Complaint("C7", "EL-0001", "2024-02-20T12:00:00+01:00", null),
            Complaint("C8", "XX-9999", "2024-02-21T12:00:00+01:00", null))),                        // no product master record
        (FeedLayouts.Costs, CanonicalCsv.Write(FeedLayouts.Costs,
            Cost("K1", "C1", "repair", "100.00", "PLN"),
            Cost("K2", "C1", "logistics", "20.00", "EUR"),     // 86.00 PLN
            Cost("K3", "C3", "refund", "250.50", "PLN"),
            Cost("K4", "C6", "goodwill", "10.00", "EUR"),      // 43.00 PLN
            Cost("K5", "C6", "labour", "5.00", "USD"))),       // no rate: counted as unconverted
    ];

    /// <summary>The fixture's file for one feed.</summary>
    public static string Csv(FeedLayout feed) => Files().Single(f => f.Feed == feed).Csv;

    public static readonly IReadOnlyDictionary<string, long> ComplaintsPerProduct =
        new Dictionary<string, long> { ["HA-0001"] = 3, ["HA-0002"] = 2, ["EL-0001"] = 2, ["XX-9999"] = 1 };

    public static readonly IReadOnlyDictionary<string, long> ComplaintsPerProductInFebruary =
        new Dictionary<string, long> { ["HA-0001"] = 1, ["HA-0002"] = 1, ["EL-0001"] = 2, ["XX-9999"] = 1 };

    public static readonly IReadOnlyDictionary<DateOnly, long> ComplaintsPerMonth =
        new Dictionary<DateOnly, long> { [new(2024, 1, 1)] = 3, [new(2024, 2, 1)] = 5 };

    public static readonly IReadOnlyDictionary<string, double> MedianHandlingDays =
        new Dictionary<string, double> { ["HA-0001"] = 4.0, ["HA-0002"] = 2.0, ["EL-0001"] = 0.5 };

    public static readonly IReadOnlyDictionary<string, decimal> CostPerProductPln =
        new Dictionary<string, decimal> { ["HA-0001"] = 436.50m, ["EL-0001"] = 43.00m };

    private static Dictionary<string, string> Product(string sku, string name, string line, string category) => new()
    {
        ["sku"] = sku, ["name"] = name, ["product_line"] = line, ["category"] = category, ["updated_at"] = "2024-01-01T00:00:00+00:00",
    };

    private static Dictionary<string, string> Complaint(string id, string sku, string received, string? resolved) => new()
    {
        ["source"] = Source, ["external_id"] = id, ["updated_at"] = resolved ?? received, ["received_at"] = received,
        ["resolved_at"] = resolved ?? "", ["status"] = resolved is null ? "in_progress" : "resolved", ["product_sku"] = sku,
        ["channel"] = "email", ["description"] = $"Complaint {id}, \"quoted\" and\nspread over two lines",
        ["customer_id"] = $"K-{id}", ["customer_segment"] = "standard", ["customer_name"] = $"Customer {id}",
    };

    private static Dictionary<string, string> Cost(string id, string complaint, string type, string amount, string currency) => new()
    {
        ["source"] = "erp", ["external_id"] = id, ["complaint_source"] = Source, ["complaint_id"] = complaint, ["cost_type"] = type,
        ["amount"] = amount, ["currency"] = currency, ["booked_on"] = "2024-02-28", ["updated_at"] = "2024-02-28T12:00:00+01:00",
    };
}
