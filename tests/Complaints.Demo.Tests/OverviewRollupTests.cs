using Complaints.Demo;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Products;
using Complaints.Warehouse.Rollups;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Demo.Tests;

/// <summary>
/// The Overview answered from its rollup equals the Overview read from the facts: exactly for counts, sums, dates and
/// costs, and within the sketch's stated error for medians, for any generator seed and every kind of filter the rollup
/// covers; and the rollup kept in step load by load equals the rollup built whole.
/// </summary>
public sealed class OverviewRollupTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2025, 12, 1, 6, 0, 0, TimeSpan.Zero));

    private static readonly DateOnly LastDay = new(2025, 11, 30);

    /// <param name="withRates">Without the exchange-rate feed, bookings in another currency stay unconverted: counted, with their currencies.</param>
    [Theory]
    [InlineData(3, true)]
    [InlineData(11, false)]
    [InlineData(2026, true)]
    public async Task Every_Overview_figure_from_the_rollup_equals_the_one_from_the_facts(int seed, bool withRates)
    {
        using var directory = new TempDirectory();
        var files = new DemoDataGenerator().Write(directory.Path, new DemoDataOptions(2_500, seed, LastDay));
        using var warehouse = await TempWarehouse.CreateAsync(Time);
        foreach (var (path, feed) in files.FeedsWithLayouts.Where(f => withRates || f.Feed != FeedLayouts.ExchangeRates))
            Assert.Equal(LoadStatus.Loaded, (await warehouse.Loader().LoadAsync(path, feed, isDemo: true)).Status);
        var overview = new OverviewQueries(warehouse.Database, Options.Create(new ReportingOptions()));
        var fromFacts = new OverviewQueries(warehouse.Database, Options.Create(new ReportingOptions()), readRollup: false);
        var products = new ProductsQueries(warehouse.Database, Options.Create(new ReportingOptions()));
        var productsFromFacts = new ProductsQueries(warehouse.Database, Options.Create(new ReportingOptions()), readRollup: false);

        var filters = Filters(warehouse.Database);
        var fromRollup = new List<OverviewFigures>();
        foreach (var filter in filters)
        {
            Assert.True(RollupFilter.Covers(filter), filter.ToString());
            fromRollup.Add(await overview.GetAsync(filter, TimeBucket.Week));
        }
        foreach (var (filter, rolled) in filters.Zip(fromRollup))
        {
            // The sketch's error is stated exactly when the medians came from it (so the rollup was read).
            Assert.Equal(RollupFilter.SketchCovers(filter) ? HandlingSketch.RelativeError : null, rolled.MedianRelativeError);
            var facts = await fromFacts.GetAsync(filter, TimeBucket.Week);
            Assert.Null(facts.MedianRelativeError);
            Assert.Equal(facts.Totals, rolled.Totals);
            Assert.Equal(facts.ComplaintsPerProduct, rolled.ComplaintsPerProduct);
            Assert.Equal(facts.Trend, rolled.Trend);
            Assert.Equal(facts.CostPerProduct.Products, rolled.CostPerProduct.Products);
            Assert.Equal((facts.CostPerProduct.Currency, facts.CostPerProduct.Total, facts.CostPerProduct.UnconvertedCosts),
                (rolled.CostPerProduct.Currency, rolled.CostPerProduct.Total, rolled.CostPerProduct.UnconvertedCosts));
            Assert.Equal(facts.CostPerProduct.UnconvertedCurrencies, rolled.CostPerProduct.UnconvertedCurrencies);
            if (!withRates && filter == ComplaintFilter.All)
                Assert.NotEmpty(rolled.CostPerProduct.UnconvertedCurrencies);
            AssertSameKpis(facts.Kpis.Current, rolled.Kpis.Current, rolled.MedianRelativeError);
            if (facts.Kpis.Previous is { } previous)
                AssertSameKpis(previous, rolled.Kpis.Previous!, rolled.MedianRelativeError);
            Assert.Equal(facts.HandlingTimePerProduct.Select(p => (p.Sku, p.Resolved)).OrderBy(p => p.Sku),
                rolled.HandlingTimePerProduct.Select(p => (p.Sku, p.Resolved)).OrderBy(p => p.Sku));
            foreach (var exact in facts.HandlingTimePerProduct)
                AssertWithin(exact.MedianDays, rolled.HandlingTimePerProduct.Single(p => p.Sku == exact.Sku).MedianDays, rolled.MedianRelativeError);
            // The Products page's complaint counts come from the same rollup.
            Assert.Equal(productsFromFacts.SalesCells(filter), products.SalesCells(filter));
            Assert.Equal(productsFromFacts.DefectPareto(filter), products.DefectPareto(filter));
        }
    }

    [Fact]
    public async Task Costs_converted_again_at_other_rates_are_summed_again()
    {
        using var directory = new TempDirectory();
        var files = new DemoDataGenerator().Write(directory.Path, new DemoDataOptions(1_500, 17, LastDay));
        using var warehouse = await TempWarehouse.CreateAsync(Time);
        foreach (var (path, feed) in files.FeedsWithLayouts.Where(f => f.Feed != FeedLayouts.ExchangeRates))
            await warehouse.Loader().LoadAsync(path, feed, isDemo: true);
        var reporting = Options.Create(new ReportingOptions());
        var before = new OverviewQueries(warehouse.Database, reporting).CostPerProduct(ComplaintFilter.All);

        // As a start with a configured rate for the currency the feed left unconverted does.
        var rated = new ReportingOptions { ExchangeRates = { [before.UnconvertedCurrencies[0]] = 4.5m } };
        Assert.True(await new Complaints.Warehouse.Costs.CostRollup(Options.Create(rated), Time, NullLogger<Complaints.Warehouse.Costs.CostRollup>.Instance)
            .EnsureCurrentAsync(warehouse.Database));

        var rolled = new OverviewQueries(warehouse.Database, reporting).CostPerProduct(ComplaintFilter.All);
        var facts = new OverviewQueries(warehouse.Database, reporting, readRollup: false).CostPerProduct(ComplaintFilter.All);
        Assert.True(rolled.Total > before.Total);
        Assert.Equal(facts.Products, rolled.Products);
        Assert.Equal((facts.Total, facts.UnconvertedCosts), (rolled.Total, rolled.UnconvertedCosts));
        using var connection = warehouse.Database.OpenConnection();
        Assert.True(ComplaintRollup.IsCurrent(connection, reporting.Value));
    }

    [Fact]
    public async Task A_filter_the_rollup_does_not_hold_is_answered_from_the_facts()
    {
        using var warehouse = await TempWarehouse.CreateAsync(Time);
        var overview = new OverviewQueries(warehouse.Database, Options.Create(new ReportingOptions()));

        Assert.False(RollupFilter.Covers(new ComplaintFilter(Segment: "business")));
        Assert.False(RollupFilter.Covers(new ComplaintFilter(Resolved: true)));
        Assert.True(RollupFilter.Covers(new ComplaintFilter(Category: "noise")));
        Assert.False(RollupFilter.SketchCovers(new ComplaintFilter(Category: "noise")));
        Assert.Null(overview.MedianErrorOf(new ComplaintFilter(Category: "noise")));
    }

    [Fact]
    public async Task The_rollup_kept_in_step_load_by_load_and_through_roll_backs_equals_the_one_built_whole()
    {
        using var directory = new TempDirectory();
        var files = new DemoDataGenerator().Write(directory.Path, new DemoDataOptions(2_000, 5, LastDay));
        using var warehouse = await TempWarehouse.CreateAsync(Time);
        var loader = warehouse.Loader();
        foreach (var (path, feed) in files.FeedsWithLayouts.Where(f => f.Feed != FeedLayouts.Complaints && f.Feed != FeedLayouts.Costs && f.Feed != FeedLayouts.Surveys))
            await loader.LoadAsync(path, feed, isDemo: true);

        // Complaints in two deliveries; the second also corrects three of the first's: another day of receipt, product and status.
        var lines = Records(File.ReadAllText(files.Complaints));
        Assert.Equal(CsvTable.Read(files.Complaints).Rows.Count, lines.Count - 1);
        var half = lines.Count / 2;
        var first = Path.Combine(directory.Path, "complaints-1.csv");
        var second = Path.Combine(directory.Path, "complaints-2.csv");
        File.WriteAllLines(first, lines[..half]);
        File.WriteAllLines(second, [lines[0], .. lines[1..4].Select(Corrected), .. lines[half..]]);
        Assert.Equal(LoadStatus.Loaded, (await loader.LoadAsync(first, FeedLayouts.Complaints, isDemo: true)).Status);
        var secondRun = await loader.LoadAsync(second, FeedLayouts.Complaints, isDemo: true);
        Assert.Equal(LoadStatus.Loaded, secondRun.Status);
        Assert.Equal(3, secondRun.RowsUpdated);
        var costsRun = await loader.LoadAsync(files.Costs, FeedLayouts.Costs, isDemo: true);
        var surveysRun = await loader.LoadAsync(files.Surveys, FeedLayouts.Surveys, isDemo: true);
        var kept = Rollup(warehouse.Database);
        AssertSameRows(Rebuilt(warehouse.Database), kept);

        // Roll-backs give days back their earlier complaints, costs and scores.
        await warehouse.Rollback().RollBackAsync(surveysRun.RunId, "test");
        await warehouse.Rollback().RollBackAsync(costsRun.RunId, "test");
        await warehouse.Rollback().RollBackAsync(secondRun.RunId, "test");
        var afterRollBacks = Rollup(warehouse.Database);
        Assert.NotEqual(kept, afterRollBacks);
        AssertSameRows(Rebuilt(warehouse.Database), afterRollBacks);
    }

    /// <summary>The CSV's records, each whole: a line break inside quotes (a description of several lines) does not end one.</summary>
    internal static List<string> Records(string csv)
    {
        var records = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            if (csv[i] == '"')
                quoted = !quoted;
            else if (csv[i] == '\n' && !quoted)
            {
                records.Add(csv[start..i].TrimEnd('\r'));
                start = i + 1;
            }
        }
        if (start < csv.Length)
            records.Add(csv[start..]);
        return records;
    }

    /// <summary>A complaint line corrected: received two days earlier, updated a day later, another product, reopened.</summary>
    internal static string Corrected(string line)
    {
        var fields = line.Split(',', 22);
        static string Shift(string instant, int days) =>
            DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture).AddDays(days).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        fields[2] = Shift(fields[2], 1);
        fields[3] = Shift(fields[3], -2);
        fields[8] = "reopened";
        fields[15] = fields[15] == "HA-0001" ? "HA-0002" : "HA-0001";
        return string.Join(',', fields);
    }

    private static List<string> Rollup(WarehouseDatabase warehouse) => Rows(warehouse, "complaint_daily", "handling_sketch");

    /// <summary>Every row of the tables, in order, as text: two rollups compare equal only if every value does.</summary>
    internal static List<string> Rows(WarehouseDatabase warehouse, params string[] tables)
    {
        using var connection = warehouse.OpenConnection();
        return [.. tables.SelectMany(table => connection.QueryList($"SELECT CAST(COLUMNS(*) AS VARCHAR) FROM {table} ORDER BY ALL", Row))];
    }

    private static string Row(System.Data.IDataRecord r) =>
        string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "NULL" : r.GetString(i)));

    internal static void AssertSameRows(List<string> whole, List<string> kept) =>
        Assert.True(whole.SequenceEqual(kept), $"built whole, not kept: {string.Join("; ", whole.Except(kept).Take(5))}\nkept, not built whole: {string.Join("; ", kept.Except(whole).Take(5))}");

    /// <summary>The rollup built whole from the facts as they are (in place: it then equals what was kept, or the test fails).</summary>
    private static List<string> Rebuilt(WarehouseDatabase warehouse)
    {
        using (var connection = warehouse.OpenConnection())
            connection.Execute("DELETE FROM complaint_rollup_state");
        var rollup = new ComplaintRollup(Options.Create(new ReportingOptions()), Time, NullLogger<ComplaintRollup>.Instance);
        Assert.True(rollup.EnsureCurrentAsync(warehouse).GetAwaiter().GetResult());
        return Rollup(warehouse);
    }

    private static void AssertSameKpis(KpiValues facts, KpiValues rolled, double? medianError)
    {
        Assert.Equal(facts with { MedianHandlingDays = null, Csat = null }, rolled with { MedianHandlingDays = null, Csat = null });
        Assert.Equal(facts.Csat is null, rolled.Csat is null);
        if (facts.Csat is { } csat)
            Assert.Equal(csat, rolled.Csat!.Value, 9);
        Assert.Equal(facts.MedianHandlingDays is null, rolled.MedianHandlingDays is null);
        if (facts.MedianHandlingDays is { } median)
            AssertWithin(median, rolled.MedianHandlingDays!.Value, medianError);
    }

    internal static void AssertWithin(double exact, double approximate, double? relativeError)
    {
        if (relativeError is null)
            Assert.Equal(exact, approximate, 9);
        else
            Assert.True(Math.Abs(approximate - exact) <= relativeError * Math.Abs(exact) + 1e-9,
                $"{approximate} is more than {relativeError:P2} from {exact}");
    }

    /// <summary>Every kind of filter the rollup answers, with values the data holds.</summary>
    internal static List<ComplaintFilter> Filters(WarehouseDatabase warehouse)
    {
        using var connection = warehouse.OpenConnection();
        string Most(string sql) => connection.Scalar<string>(sql)!;
        var product = Most("SELECT product_sku FROM complaints GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1");
        var line = Most("SELECT product_line FROM products GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1");
        var category = Most("SELECT defect_category FROM complaints WHERE defect_category IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1");
        var channel = Most("SELECT channel FROM complaints WHERE channel IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1");
        var status = Most("SELECT status FROM complaints GROUP BY ALL ORDER BY count(*) ASC, 1 LIMIT 1");
        return
        [
            ComplaintFilter.All,
            new(LastDay.AddMonths(-3).AddDays(1), LastDay),
            new(new DateOnly(2025, 3, 27), new DateOnly(2025, 4, 12)),
            new(From: new DateOnly(2025, 10, 26)),
            new(To: new DateOnly(2025, 3, 30)),
            new(Product: product),
            new(new DateOnly(2025, 6, 1), LastDay, Line: line),
            new(Category: category, Channel: channel),
            new(Status: status),
        ];
    }
}
