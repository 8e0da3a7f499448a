using System.Globalization;
using Complaints.Ingest.Feeds;

namespace Complaints.Demo;

/// <summary>
/// Writes a deterministic demo data set as the seven canonical feed files (products, units sold, exchange rates,
/// complaints, status events, costs, surveys) and ground_truth.json, which records what was planted in them. The same options always give
/// byte-identical files; rows are streamed, so memory does not grow with the number of complaints.
/// </summary>
public sealed class DemoDataGenerator
{
    private const int ProgressEvery = 10_000;

    public const string GroundTruthFileName = "ground_truth.json";

    /// <summary>Writes the eight files into <paramref name="directory"/> (created if missing), replacing files of the same names.</summary>
    /// <param name="progress">Receives the number of complaints written so far, every 10,000 and once at the end.</param>
    public DemoDataFiles Write(string directory, DemoDataOptions options, IProgress<long>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Complaints);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Years, 1);

        Directory.CreateDirectory(directory);
        var files = DemoDataFiles.In(directory);
        string[] finalPaths = [.. files.Feeds, files.GroundTruth];

        // Written under temporary names and renamed at the end, so a failed run never leaves a file that
        // looks complete to an ingester watching the directory.
        var partial = DemoDataFiles.In(directory, ".partial");
        string[] partialPaths = [.. partial.Feeds, partial.GroundTruth];
        try
        {
            WriteAll(partial, options, progress);
            for (var i = 0; i < finalPaths.Length; i++)
                File.Move(partialPaths[i], finalPaths[i], overwrite: true);
        }
        finally
        {
            foreach (var path in partialPaths)
                File.Delete(path);
        }
        return files;
    }

    private static void WriteAll(DemoDataFiles files, DemoDataOptions options, IProgress<long>? progress)
    {
        var clock = new WarsawClock();
        var simulator = new DemoComplaintSimulator(options, clock);

        // The catalogue predates the first complaint, so "as of" queries on early complaints find their products.
        WriteProducts(files.Products, clock.Local(clock.ToUtc(simulator.FirstDay.AddDays(-1), TimeSpan.FromHours(6))));
        var unitsSold = DemoReferenceData.WriteUnitsSold(files.UnitsSold, simulator, clock, options.Seed);
        var exchangeRates = DemoReferenceData.WriteExchangeRates(files.ExchangeRates, simulator, clock, options.Seed);

        var ids = new Counters();
        long written = 0;
        using (var complaints = new CsvRowWriter(files.Complaints, FeedLayouts.Complaints))
        using (var events = new CsvRowWriter(files.StatusEvents, FeedLayouts.StatusEvents))
        using (var costs = new CsvRowWriter(files.Costs, FeedLayouts.Costs))
        using (var surveys = new CsvRowWriter(files.Surveys, FeedLayouts.Surveys))
        {
            foreach (var complaint in simulator.Run())
            {
                WriteComplaint(complaints, complaint, clock);
                WriteHistory(events, complaint, clock, ids);
                WriteCosts(costs, complaint, clock, ids);
                WriteSurvey(surveys, complaint, clock, ids);
                if (++written % ProgressEvery == 0)
                    progress?.Report(written);
            }
        }

        // Written last: it records counts only known once every complaint is out.
        DemoGroundTruth.Write(files.GroundTruth, options, simulator,
            new DemoGroundTruth.RowCounts(DemoCatalog.Products.Count, unitsSold, exchangeRates, written, ids.Events, ids.Costs, ids.Surveys));
        if (written % ProgressEvery != 0 || written == 0)
            progress?.Report(written);
    }

    private sealed class Counters
    {
        public long Events;
        public long Costs;
        public long Surveys;
    }

    private static string Id(string prefix, long number) => prefix + number.ToString("D7", CultureInfo.InvariantCulture);

    private static void WriteProducts(string path, DateTimeOffset updatedAt)
    {
        using var products = new CsvRowWriter(path, FeedLayouts.Products);
        foreach (var product in DemoCatalog.Products)
        {
            products.Text(product.Sku);
            products.Text(product.Name);
            products.Text(product.Line.Name);
            products.Text(product.Category.Name);
            products.Instant(updatedAt);
            products.EndRow();
        }
    }

    private static void WriteComplaint(CsvRowWriter row, DemoComplaint c, WarsawClock clock)
    {
        row.Text(DemoCodes.TicketingSource);
        row.Text(c.ExternalId);
        row.Instant(clock.Local(c.UpdatedAt));
        row.Instant(clock.Local(c.ReceivedAt));
        row.Instant(Local(clock, c.FirstResponseAt));
        row.Instant(Local(clock, c.ResolvedAt));
        row.Instant(Local(clock, c.AnsweredAt));
        row.Instant(Local(clock, c.ClosedAt));
        row.Text(c.Status);
        row.Text(c.Priority);
        row.Text(c.Type);
        row.Text(c.Channel);
        row.Text(c.Team);
        row.Text(c.Handler);
        row.Text(c.RegisteredBy);
        row.Text(c.Product.Sku);
        row.Integer(c.Quantity);
        row.Text(c.OrderNumber);
        row.Text(c.InvoiceNumber);
        row.Date(c.InvoiceDate);
        row.Text(c.DefectCategory);
        row.Text(c.Description);
        row.Text(c.Expectation);
        row.Text(c.Decision);
        row.Text(c.Warranty);
        row.Text(c.Customer.Id);
        row.Text(c.Customer.Segment);
        row.Text(c.Customer.Country);
        row.Text(c.Customer.Language);
        row.Text(c.Customer.Name);
        row.Text(c.Customer.Email);
        row.Text(c.Customer.Phone);
        row.EndRow();
    }

    private static void WriteHistory(CsvRowWriter row, DemoComplaint c, WarsawClock clock, Counters ids)
    {
        string? previous = null;
        foreach (var change in c.History)
        {
            var at = clock.Local(change.At);
            row.Text(DemoCodes.TicketingSource);
            row.Text(Id("E-", ++ids.Events));
            row.Text(DemoCodes.TicketingSource);
            row.Text(c.ExternalId);
            row.Instant(at);
            row.Text(previous);
            row.Text(change.Status);
            row.Text(change.Actor);
            row.Instant(change.EnteredAt is { } entered ? clock.Local(entered) : at);
            row.EndRow();
            previous = change.Status;
        }
    }

    private static void WriteCosts(CsvRowWriter row, DemoComplaint c, WarsawClock clock, Counters ids)
    {
        foreach (var cost in c.Costs)
        {
            row.Text(DemoCodes.ErpSource);
            row.Text(Id("COST-", ++ids.Costs));
            row.Text(DemoCodes.TicketingSource);
            row.Text(c.ExternalId);
            row.Text(cost.Type);
            row.Amount(cost.Amount);
            row.Text(cost.Currency);
            row.Date(cost.BookedOn);
            row.Instant(clock.Local(cost.UpdatedAt));
            row.EndRow();
        }
    }

    private static void WriteSurvey(CsvRowWriter row, DemoComplaint c, WarsawClock clock, Counters ids)
    {
        if (c.Survey is not { } survey)
            return;
        var answeredAt = clock.Local(survey.AnsweredAt);
        row.Text(DemoCodes.SurveySource);
        row.Text(Id("S-", ++ids.Surveys));
        row.Text(DemoCodes.TicketingSource);
        row.Text(c.ExternalId);
        row.Instant(answeredAt);
        row.Integer(survey.Csat);
        row.Integer(survey.Nps);
        row.Text(survey.Comment);
        row.Instant(answeredAt);
        row.EndRow();
    }

    private static DateTimeOffset? Local(WarsawClock clock, DateTime? utc) => utc is { } u ? clock.Local(u) : null;
}
