using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Models;
using Complaints.Warehouse.Mail;
using Complaints.Models.Defects;
using Complaints.Models.Risk;
using Complaints.Reports.Charts;
using Complaints.Reports.Exports;
using Complaints.Reports.Subscriptions;
using Complaints.Reports.Workbooks;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.ComplaintList;
using Complaints.Warehouse.Costs;
using Complaints.Warehouse.Feedback;
using Complaints.Warehouse.Ingest;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Products;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Complaints.Reports.Tests;

/// <summary>
/// A temporary warehouse with the hand-checked Overview fixture (and one complaint whose description is a formula),
/// and the reports part built over it as the host builds it, on the given clock and mail settings.
/// </summary>
public sealed class ReportsWarehouse : IDisposable
{
    public TempWarehouse Warehouse { get; }
    public TimeProvider Time { get; }
    public string Outbox { get; }
    public ReportWorkbooks Workbooks { get; }
    public ComplaintExports Exports { get; }
    public ChartExports Charts { get; }
    public SubscriptionStore Store { get; }

    private readonly ReportingOptions _reporting = new();

    private ReportsWarehouse(TempWarehouse warehouse, TimeProvider time)
    {
        Warehouse = warehouse;
        Time = time;
        Outbox = Path.Combine(warehouse.Directory, "outbox");
        var db = warehouse.Database;
        var reporting = Options.Create(_reporting);
        var reader = new WorkbookFiguresReader(new OverviewQueries(db, reporting), new SlaQueries(db, reporting, time),
            new CostsQueries(db, reporting, Options.Create(new SlaOptions()), time), new FeedbackQueries(db, reporting), new DefectSignals(db, reporting, time),
            new RiskQueries(db, reporting, Options.Create(new ModelsOptions()), time), new IngestRunQueries(db), db, reporting, FilterAsQuery.Describe, time);
        Workbooks = new ReportWorkbooks(reader);
        Exports = new ComplaintExports(new ComplaintListQueries(db, reporting, time), FilterAsQuery.Describe, time);
        Charts = new ChartExports(new ChartCatalogue(new OverviewQueries(db, reporting), new ProductsQueries(db, reporting), new SlaQueries(db, reporting, time),
            new CostsQueries(db, reporting, Options.Create(new SlaOptions()), time), new FeedbackQueries(db, reporting), new DefectSignals(db, reporting, time), reporting), FilterAsQuery.Describe, time);
        Store = new SubscriptionStore(db, time);
    }

    public static async Task<ReportsWarehouse> CreateAsync(TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var warehouse = await TempWarehouse.CreateAsync(time);
        var loader = warehouse.Loader();
        foreach (var (feed, csv) in OverviewFixture.Files().Append((FeedLayouts.Complaints, FormulaComplaint)))
        {
            var result = await loader.LoadAsync(warehouse.WriteFile($"{feed.Name}-{Guid.NewGuid():N}.csv", csv), feed);
            if (result.Status != LoadStatus.Loaded)
                throw new InvalidOperationException($"Fixture did not load: {result.Error}");
        }
        return new ReportsWarehouse(warehouse, time);
    }

    public const string Formula = "=HYPERLINK(\"http://evil.example\",\"click\")";

    private static string FormulaComplaint => CanonicalCsv.Write(FeedLayouts.Complaints, new Dictionary<string, string>
    {
        ["source"] = OverviewFixture.Source, ["external_id"] = "C9", ["updated_at"] = "2024-02-22T10:00:00+01:00", ["received_at"] = "2024-02-22T10:00:00+01:00",
        ["status"] = "new", ["product_sku"] = "HA-0001", ["channel"] = "@phone", ["description"] = Formula,
        ["customer_id"] = "K-C9", ["customer_segment"] = "standard",
    });

    /// <summary>A runner and dispatcher sending through <paramref name="smtp"/> (null: the outbox) with short retries.</summary>
    public (SubscriptionRunner Runner, SubscriptionDispatcher Dispatcher) Delivery(SmtpOptions? smtp = null, int attempts = 3)
    {
        var mailer = new Mailer(Options.Create(smtp ?? new SmtpOptions()), Outbox, Time);
        var runner = new SubscriptionRunner(Store, Workbooks, mailer, Options.Create(new ReportsOptions { Attempts = attempts, RetryDelay = TimeSpan.FromMilliseconds(20) }),
            Options.Create(_reporting), Time, NullLogger<SubscriptionRunner>.Instance);
        return (runner, new SubscriptionDispatcher(Store, runner, Options.Create(_reporting), Time, NullLogger<SubscriptionDispatcher>.Instance));
    }

    public void Dispose() => Warehouse.Dispose();
}
