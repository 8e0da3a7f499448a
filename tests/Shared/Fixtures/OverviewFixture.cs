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
            Complaint("C1", "HA-0001", "2024-01-10T09:00:00+01:00", "2024-01-14T09:00:00+01:00", "leak"),   // 4 days
            Complaint("C2", "HA-0001", "2024-01-20T10:00:00+01:00", "2024-01-22T10:00:00+01:00", "leak"),   // 2 days
            Complaint("C3", "HA-0001", "2024-02-05T08:00:00+01:00", "2024-02-15T08:00:00+01:00", "noise"),  // 10 days
            Complaint("C4", "HA-0002", "2024-01-31T23:30:00+00:00", null, "leak"),                  // 1 Feb in Warsaw
            Complaint("C5", "HA-0002", "2023-12-31T23:30:00+00:00", "2024-01-03T00:30:00+01:00"),   // 1 Jan in Warsaw; 2 days
            Complaint("C6", "EL-0001", "2024-02-10T12:00:00+01:00", "2024-02-11T00:00:00+01:00", "noise"),  // half a day
            Complaint("C7", "EL-0001", "2024-02-20T12:00:00+01:00", null, "leak"),
            Complaint("C8", "XX-9999", "2024-02-21T12:00:00+01:00", null))),                        // no product master record
        // Units sold: HA-0002 has no February figure, XX-9999 none at all; March 2024 lies after the last complaint.
        (FeedLayouts.UnitsSold, CanonicalCsv.Write(FeedLayouts.UnitsSold,
            UnitsSold("HA-0001", "2024-01-01", 1000), UnitsSold("HA-0001", "2024-02-01", 500), UnitsSold("HA-0001", "2024-03-01", 700),
            UnitsSold("HA-0002", "2024-01-01", 400),
            UnitsSold("EL-0001", "2024-02-01", 2900))),
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

    /// <summary>
    /// Complaints per 1,000 units sold without dates: whole months January and February 2024 (first to last complaint).
    /// HA-0001: 3 / 1,500; HA-0002: only January has units, so 1 of its 2 complaints / 400; EL-0001: 2 / 2,900; XX-9999: no rate.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double?> PerThousandUnits =
        new Dictionary<string, double?> { ["HA-0001"] = 2.0, ["HA-0002"] = 2.5, ["EL-0001"] = 2000.0 / 2900, ["XX-9999"] = null };

    /// <summary>January: 3 complaints / 1,400 units. February: 3 of its 5 complaints have units (not C4, C8) / 3,400.</summary>
    public static readonly IReadOnlyDictionary<DateOnly, double?> PerThousandUnitsPerMonth =
        new Dictionary<DateOnly, double?> { [new(2024, 1, 1)] = 3000.0 / 1400, [new(2024, 2, 1)] = 3000.0 / 3400 };

    /// <summary>10–20 February: 11 of February's 29 days, so 11/29 of its units; only EL-0001 has complaints (C6, C7) then.</summary>
    public static readonly double PerThousandUnitsOfEl0001From10To20February = 2 * 1000.0 / (2900.0 * 11 / 29);

    /// <summary>Defect categories in Pareto order with their running share: leak 4, noise 2, none 2.</summary>
    public static readonly IReadOnlyList<(string? Category, long Complaints, double Share)> DefectPareto =
        [("leak", 4, 0.5), ("noise", 2, 0.75), (null, 2, 1.0)];

    private static Dictionary<string, string> Product(string sku, string name, string line, string category) => new()
    {
        ["sku"] = sku, ["name"] = name, ["product_line"] = line, ["category"] = category, ["updated_at"] = "2024-01-01T00:00:00+00:00",
    };

    private static Dictionary<string, string> UnitsSold(string sku, string month, int units) => new()
    {
        ["sku"] = sku, ["month"] = month, ["units"] = units.ToString(System.Globalization.CultureInfo.InvariantCulture), ["updated_at"] = "2024-03-05T00:00:00+00:00",
    };

    private static Dictionary<string, string> Complaint(string id, string sku, string received, string? resolved, string category = "") => new()
    {
        ["source"] = Source, ["external_id"] = id, ["updated_at"] = resolved ?? received, ["received_at"] = received,
        ["resolved_at"] = resolved ?? "", ["status"] = resolved is null ? "in_progress" : "resolved", ["product_sku"] = sku,
        ["channel"] = "email", ["defect_category"] = category, ["description"] = $"Complaint {id}, \"quoted\" and\nspread over two lines",
        ["customer_id"] = $"K-{id}", ["customer_segment"] = "standard", ["customer_name"] = $"Customer {id}",
    };

    private static Dictionary<string, string> Cost(string id, string complaint, string type, string amount, string currency) => new()
    {
        ["source"] = "erp", ["external_id"] = id, ["complaint_source"] = Source, ["complaint_id"] = complaint, ["cost_type"] = type,
        ["amount"] = amount, ["currency"] = currency, ["booked_on"] = "2024-02-28", ["updated_at"] = "2024-02-28T12:00:00+01:00",
    };
}
