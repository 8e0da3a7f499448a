using System.Globalization;
using System.Text.RegularExpressions;
using Complaints.Demo;
using Complaints.Ingest.Feeds;
using Complaints.Testing;
using DuckDB.NET.Data;

namespace Complaints.Demo.Tests;

public sealed partial class DemoDataGeneratorTests(GeneratedDemoData data) : IClassFixture<GeneratedDemoData>
{
    private static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");
    private static readonly string[] OutcomeStatuses = ["resolved", "rejected"];
    private static readonly string[] SettledStatuses = ["resolved", "rejected", "closed"];

    private static IEnumerable<string> AllPaths(DemoDataFiles files) => [.. files.Feeds, files.GroundTruth];

    private static DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Warsaw).DateTime);

    [Fact]
    public void Same_seed_writes_the_same_bytes_including_the_ground_truth()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var options = new DemoDataOptions(Complaints: 2_000, Seed: 11, LastDay: new DateOnly(2025, 3, 31));

        var a = new DemoDataGenerator().Write(first.Path, options);
        var b = new DemoDataGenerator().Write(second.Path, options);

        Assert.Equal(8, AllPaths(a).Count());
        foreach (var (left, right) in AllPaths(a).Zip(AllPaths(b)))
            Assert.True(File.ReadAllBytes(left).AsSpan().SequenceEqual(File.ReadAllBytes(right)), $"{Path.GetFileName(left)} differs between runs");
    }

    [Fact]
    public void Different_seed_writes_different_data()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var options = new DemoDataOptions(Complaints: 2_000, Seed: 1, LastDay: new DateOnly(2025, 3, 31));

        var a = new DemoDataGenerator().Write(first.Path, options);
        var b = new DemoDataGenerator().Write(second.Path, options with { Seed = 2 });

        Assert.NotEqual(File.ReadAllText(a.Complaints), File.ReadAllText(b.Complaints));
        Assert.NotEqual(File.ReadAllText(a.StatusEvents), File.ReadAllText(b.StatusEvents));
        Assert.Equal(File.ReadAllText(a.Products), File.ReadAllText(b.Products)); // the catalogue is fixed
    }

    [Fact]
    public void Files_have_the_canonical_headers()
    {
        foreach (var (path, layout) in data.Files.FeedsWithLayouts)
        {
            Assert.Equal(layout.Name + ".csv", Path.GetFileName(path));
            var bytes = File.ReadAllBytes(path);
            Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], $"{layout.Name} starts with a byte order mark");
            Assert.DoesNotContain((byte)'\r', bytes);
            var header = File.ReadLines(path).First();
            Assert.Equal(string.Join(',', layout.Columns.Select(c => c.Name)), header);
        }
    }

    [Fact]
    public void Units_sold_cover_every_product_and_month_at_a_plausible_complaint_rate()
    {
        var units = CsvTable.Read(data.Files.UnitsSold).Rows;
        var options = GeneratedDemoData.Options;
        var months = Enumerable.Range(0, options.Years * 12)
            .Select(i => new DateOnly(options.LastDay.Year, options.LastDay.Month, 1).AddMonths(-i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .ToHashSet();

        Assert.Equal(months.Count * data.Products.Rows.Count, units.Count);
        Assert.Equal(months, units.Select(u => u["month"]).ToHashSet());
        Assert.All(units, u => Assert.True(long.Parse(u["units"], CultureInfo.InvariantCulture) > 0));

        // The generator sells 1,000 units per 1.8 to 8.2 complaints (cheap to dear products); planted defects add a little.
        var perThousand = data.Complaints.Rows.Count * 1000.0 / units.Sum(u => long.Parse(u["units"], CultureInfo.InvariantCulture));
        Assert.InRange(perThousand, 1.8, 8.2);
    }

    [Fact]
    public void Exchange_rates_give_one_euro_rate_per_month()
    {
        var rates = CsvTable.Read(data.Files.ExchangeRates).Rows;
        Assert.Equal(GeneratedDemoData.Options.Years * 12, rates.Count);
        Assert.All(rates, r => Assert.Equal("EUR", r["currency"]));
        Assert.All(rates, r => Assert.InRange(decimal.Parse(r["rate"], CultureInfo.InvariantCulture), 4.1m, 4.5m));
    }

    [Fact]
    public void Required_columns_are_never_empty()
    {
        var tables = data.Files.FeedsWithLayouts.Select(f => (Table: CsvTable.Read(f.Path), Layout: f.Feed));

        foreach (var (table, layout) in tables)
        {
            Assert.NotEmpty(table.Rows);
            foreach (var column in layout.RequiredColumns)
                Assert.All(table.Rows, row => Assert.NotEqual("", row[column]));
        }
    }

    [Fact]
    public void Keys_are_unique_and_references_resolve()
    {
        Assert.Equal(40, data.Products.Rows.Count);
        var skus = data.Products.Rows.Select(r => r["sku"]).ToHashSet();
        Assert.Equal(40, skus.Count);
        Assert.All(data.Products.Rows, r => Assert.Matches(@"^[A-Z]{2}-\d{4}$", r["sku"]));

        Assert.Equal(GeneratedDemoData.Options.Complaints, data.Complaints.Rows.Count);
        var complaintIds = data.Complaints.Rows.Select(r => r["external_id"]).ToHashSet();
        Assert.Equal(data.Complaints.Rows.Count, complaintIds.Count);
        Assert.All(data.Complaints.Rows, r => Assert.Matches(@"^C-\d{7}$", r["external_id"]));
        Assert.All(data.Complaints.Rows, r => Assert.Contains(r["product_sku"], skus));

        foreach (var (table, prefix) in new[] { (data.StatusEvents, "E-"), (data.Costs, "COST-"), (data.Surveys, "S-") })
        {
            Assert.Equal(table.Rows.Count, table.Rows.Select(r => r["external_id"]).Distinct().Count());
            Assert.All(table.Rows, r => Assert.StartsWith(prefix, r["external_id"], StringComparison.Ordinal));
            Assert.All(table.Rows, r => Assert.Equal("demo-ticketing", r["complaint_source"]));
            Assert.All(table.Rows, r => Assert.Contains(r["complaint_id"], complaintIds));
        }
    }

    [Fact]
    public void Status_history_agrees_with_the_complaint_row()
    {
        var histories = data.StatusEvents.Rows.ToLookup(e => e["complaint_id"]);

        foreach (var complaint in data.Complaints.Rows)
        {
            var history = histories[complaint["external_id"]].ToList();
            Assert.NotEmpty(history);
            Assert.Equal(("", "new"), (history[0]["from_status"], history[0]["to_status"]));
            Assert.Equal(complaint.RequiredInstant("received_at"), history[0].RequiredInstant("occurred_at"));
            for (var i = 1; i < history.Count; i++)
            {
                Assert.Equal(history[i - 1]["to_status"], history[i]["from_status"]);
                Assert.True(history[i].RequiredInstant("occurred_at") > history[i - 1].RequiredInstant("occurred_at"));
            }

            var status = complaint["status"];
            var last = history[^1];
            Assert.Equal(last["to_status"], status);
            Assert.Equal(last.RequiredInstant("occurred_at"), complaint.RequiredInstant("updated_at"));
            Assert.Equal(history.Count > 1 ? history[1].Instant("occurred_at") : null, complaint.Instant("first_response_at"));

            var outcomes = history.Where(e => OutcomeStatuses.Contains(e["to_status"])).ToList();
            Assert.Equal(outcomes.FirstOrDefault()?.Instant("occurred_at"), complaint.Instant("answered_at"));
            var settled = SettledStatuses.Contains(status);
            Assert.Equal(settled ? outcomes[^1].Instant("occurred_at") : null, complaint.Instant("resolved_at"));
            Assert.Equal(status == "closed" ? last.Instant("occurred_at") : null, complaint.Instant("closed_at"));

            Assert.Equal(settled, complaint["decision"] != "");
            if (settled)
                Assert.Equal(outcomes[^1]["to_status"] == "rejected", complaint["decision"] == "rejected");
            Assert.Equal(status != "new", complaint["handler"] != "");
        }
    }

    [Fact]
    public void Resolution_never_precedes_receipt()
    {
        foreach (var c in data.Complaints.Rows)
        {
            var received = c.RequiredInstant("received_at");
            DateTimeOffset?[] inOrder = [received, c.Instant("first_response_at"), c.Instant("answered_at"), c.Instant("resolved_at"), c.Instant("closed_at")];
            var present = inOrder.OfType<DateTimeOffset>().ToList();
            Assert.Equal(present.Order(), present);
            Assert.True(c.RequiredInstant("updated_at") >= present[^1], $"{c["external_id"]} was updated before its last change");
            if (c["invoice_date"] is not "")
                Assert.True(DateOnly.Parse(c["invoice_date"], CultureInfo.InvariantCulture) <= LocalDay(received));
        }
    }

    [Fact]
    public void Received_dates_span_the_requested_years_ending_at_last_day()
    {
        var options = GeneratedDemoData.Options;
        var firstDay = options.LastDay.AddYears(-options.Years).AddDays(1);
        var days = data.Complaints.Rows.Select(c => LocalDay(c.RequiredInstant("received_at"))).ToList();

        Assert.InRange(days.Min(), firstDay, firstDay.AddDays(7));
        Assert.InRange(days.Max(), options.LastDay.AddDays(-3), options.LastDay);
        Assert.Equal(days.Order(), days); // C-0000001 is the oldest

        var endOfLastDay = new DateTimeOffset(options.LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), Warsaw.GetUtcOffset(options.LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        Assert.All(data.StatusEvents.Rows, e => Assert.True(e.RequiredInstant("occurred_at") < endOfLastDay));
        Assert.All(data.Surveys.Rows, s => Assert.True(s.RequiredInstant("answered_at") < endOfLastDay));
        Assert.All(data.Costs.Rows, k => Assert.True(DateOnly.Parse(k["booked_on"], CultureInfo.InvariantCulture) <= options.LastDay));
    }

    [Fact]
    public void Recent_complaints_are_often_still_open()
    {
        var lastDay = GeneratedDemoData.Options.LastDay;
        bool IsOpen(CsvTable.Row c) => c["resolved_at"] == "";
        var lastTwoWeeks = data.Complaints.Rows.Where(c => LocalDay(c.RequiredInstant("received_at")) > lastDay.AddDays(-14)).ToList();
        var olderThanHalfAYear = data.Complaints.Rows.Where(c => LocalDay(c.RequiredInstant("received_at")) < lastDay.AddMonths(-6)).ToList();

        Assert.InRange(lastTwoWeeks.Count(IsOpen) / (double)lastTwoWeeks.Count, 0.4, 1.0);
        Assert.InRange(olderThanHalfAYear.Count(IsOpen) / (double)olderThanHalfAYear.Count, 0.0, 0.01);
    }

    [Fact]
    public void Product_lines_have_different_complaint_rates()
    {
        var lineOf = data.Products.Rows.ToDictionary(p => p["sku"], p => p["product_line"]);
        var perLine = data.Complaints.Rows.CountBy(c => lineOf[c["product_sku"]]).ToDictionary();
        var perProduct = data.Complaints.Rows.CountBy(c => c["product_sku"]).Select(p => p.Value).ToList();

        Assert.Equal(5, perLine.Count);
        Assert.True(perLine.Values.Max() >= 3 * perLine.Values.Min(), string.Join(", ", perLine));
        Assert.True(perProduct.Max() >= 10 * perProduct.Min());
    }

    [Fact]
    public void Handling_takes_longer_in_some_product_lines()
    {
        var lineOf = data.Products.Rows.ToDictionary(p => p["sku"], p => p["product_line"]);
        var medianDays = data.Complaints.Rows
            .Where(c => c["resolved_at"] != "")
            .GroupBy(c => lineOf[c["product_sku"]])
            .ToDictionary(g => g.Key, g => Median(g.Select(c => (c.RequiredInstant("resolved_at") - c.RequiredInstant("received_at")).TotalDays)));

        Assert.True(medianDays["Furniture"] > 1.5 * medianDays["Sports"], string.Join(", ", medianDays));
        Assert.All(medianDays.Values, d => Assert.InRange(d, 2, 30));
    }

    [Fact]
    public void Codes_use_the_canonical_spellings()
    {
        AssertCodes(data.Complaints, "status", "new", "in_progress", "waiting_for_customer", "waiting_for_expert", "resolved", "closed", "rejected", "reopened");
        AssertCodes(data.StatusEvents, "to_status", "new", "in_progress", "waiting_for_customer", "waiting_for_expert", "resolved", "closed", "rejected", "reopened");
        AssertCodes(data.Complaints, "priority", "high", "medium", "low");
        AssertCodes(data.Complaints, "complaint_type", "product_defect", "billing", "technical", "service", "delivery");
        AssertCodes(data.Complaints, "channel", "email", "phone", "web_form", "sms", "chat", "letter", "marketplace");
        AssertCodes(data.Complaints, "customer_expectation", "refund", "repair", "replacement", "price_reduction");
        AssertCodes(data.Complaints, "decision", "", "refund", "in_house_repair", "contractor_repair", "return_to_supplier", "replacement", "rejected");
        AssertCodes(data.Complaints, "warranty_status", "warranty", "statutory", "out_of_warranty");
        AssertCodes(data.Complaints, "customer_segment", "vip", "standard", "business");
        AssertCodes(data.Complaints, "customer_country", "PL", "DE", "CZ", "GB");
        AssertCodes(data.Complaints, "customer_language", "pl", "en");
        AssertCodes(data.Costs, "cost_type", "refund", "repair", "replacement", "logistics", "labour", "expert_opinion", "goodwill", "sla_penalty");
        AssertCodes(data.Costs, "currency", "PLN", "EUR");
        Assert.All(data.Complaints.Rows, c => Assert.Matches("^[a-z]+(_[a-z]+)*$", c["defect_category"]));
        Assert.All(data.Complaints.Rows, c => Assert.Equal("demo-ticketing", c["source"]));
        Assert.All(data.StatusEvents.Rows, e => Assert.Equal("demo-ticketing", e["source"]));
        Assert.All(data.Costs.Rows, k => Assert.Equal("demo-erp", k["source"]));
        Assert.All(data.Surveys.Rows, s => Assert.Equal("demo-survey", s["source"]));
    }

    [Fact]
    public void Timestamps_carry_the_Warsaw_offset_in_force()
    {
        var instants = data.Complaints.Rows.Select(c => c["received_at"])
            .Concat(data.StatusEvents.Rows.Select(e => e["occurred_at"]))
            .Concat(data.Surveys.Rows.Select(s => s["answered_at"]))
            .Concat(data.Costs.Rows.Select(k => k["updated_at"]))
            .ToList();

        Assert.All(instants, text =>
        {
            Assert.Matches(IsoInstant(), text);
            var instant = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
            Assert.Equal(Warsaw.GetUtcOffset(instant), instant.Offset);
        });
        Assert.Contains(instants, t => t.EndsWith("+01:00", StringComparison.Ordinal));
        Assert.Contains(instants, t => t.EndsWith("+02:00", StringComparison.Ordinal));
        Assert.All(data.Costs.Rows, k => Assert.Matches(@"^\d+\.\d{2}$", k["amount"]));
        Assert.All(data.Costs.Rows, k => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", k["booked_on"]));
    }

    [Fact]
    public void Text_with_commas_quotes_and_line_breaks_survives_quoting()
    {
        var descriptions = data.Complaints.Rows.Select(c => c["description"]).ToList();

        Assert.Contains(descriptions, d => d.Contains(','));
        Assert.Contains(descriptions, d => d.Contains('"'));
        Assert.Contains(descriptions, d => d.Contains('\n'));
        Assert.Contains(data.Products.Rows, p => p["name"].Contains('"'));
        Assert.Contains(data.Products.Rows, p => p["name"].Contains(','));
        Assert.True(descriptions.Select(d => d.Length).Distinct().Count() > 100, "descriptions should vary in length");
    }

    [Fact]
    public void Description_language_matches_the_customer_language()
    {
        // Some Polish customers type without diacritics, so Polish is recognised by its common words too.
        const string polishLetters = "ąćęłńóśźż";
        string[] polishWords = ["nie ", "się", "sie ", "Prosz", "prosz", "jest", "Dzień", "Dzien", " w ", "Witam", "Szanown"];
        string[] englishWords = ["Please", "I ", "The ", "the ", " it ", " is ", " and "];
        foreach (var c in data.Complaints.Rows)
        {
            var description = c["description"];
            if (c["customer_language"] == "pl")
                Assert.True(description.IndexOfAny(polishLetters.ToCharArray()) >= 0 || polishWords.Any(w => description.Contains(w, StringComparison.Ordinal)), description);
            else
                Assert.True(englishWords.Any(w => description.Contains(w, StringComparison.Ordinal)), description);
        }
        Assert.Contains(data.Complaints.Rows, c => c["customer_language"] == "en");
    }

    [Fact]
    public void Some_Polish_descriptions_are_typed_without_diacritics()
    {
        const string polishLetters = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ";
        var polish = data.Complaints.Rows.Where(c => c["customer_language"] == "pl").ToList();
        var withoutDiacritics = polish.Count(c => c["description"].IndexOfAny(polishLetters.ToCharArray()) < 0) / (double)polish.Count;

        Assert.InRange(withoutDiacritics, 0.03, 0.12);
    }

    [Fact]
    public void Customers_keep_their_details_across_complaints()
    {
        var byCustomer = data.Complaints.Rows.GroupBy(c => c["customer_id"]).ToList();

        Assert.All(data.Complaints.Rows, c => Assert.Matches(@"^K-\d{6}$", c["customer_id"]));
        Assert.Contains(byCustomer, g => g.Count() > 1);
        foreach (var complaints in byCustomer)
        {
            var details = complaints.Select(c => string.Join('|', c["customer_segment"], c["customer_country"], c["customer_language"],
                c["customer_name"], c["customer_email"], c["customer_phone"])).Distinct();
            Assert.Single(details);
        }
        Assert.All(data.Complaints.Rows, c => Assert.Matches(@"@example\.(com|org|net)$", c["customer_email"]));

        var vipShare = data.Complaints.Rows.Count(c => c["customer_segment"] == "vip") / (double)data.Complaints.Rows.Count;
        Assert.InRange(vipShare, 0.05, 0.17);
        var polishShare = data.Complaints.Rows.Count(c => c["customer_country"] == "PL") / (double)data.Complaints.Rows.Count;
        Assert.InRange(polishShare, 0.75, 0.95);
    }

    [Fact]
    public void Costs_are_booked_for_most_resolved_complaints_after_resolution()
    {
        var complaints = data.Complaints.Rows.ToDictionary(c => c["external_id"]);
        foreach (var cost in data.Costs.Rows)
        {
            var complaint = complaints[cost["complaint_id"]];
            var resolvedAt = complaint.Instant("resolved_at");
            Assert.NotNull(resolvedAt);
            Assert.True(DateOnly.Parse(cost["booked_on"], CultureInfo.InvariantCulture) >= LocalDay(resolvedAt.Value));
            Assert.True(decimal.Parse(cost["amount"], CultureInfo.InvariantCulture) > 0);
            Assert.Equal(complaint["customer_country"] == "PL" ? "PLN" : "EUR", cost["currency"]);
        }

        var resolved = data.Complaints.Rows.Where(c => c["resolved_at"] != "" && c["decision"] != "rejected").ToList();
        var withCosts = data.Costs.Rows.Select(k => k["complaint_id"]).ToHashSet();
        Assert.InRange(resolved.Count(c => withCosts.Contains(c["external_id"])) / (double)resolved.Count, 0.75, 0.98);
        Assert.All(data.Costs.Rows.CountBy(k => k["complaint_id"]), perComplaint => Assert.InRange(perComplaint.Value, 1, 3));
    }

    [Fact]
    public void Surveys_follow_resolution_and_drop_with_longer_handling()
    {
        var complaints = data.Complaints.Rows.ToDictionary(c => c["external_id"]);
        var scored = new List<(double Days, int Csat)>();
        foreach (var survey in data.Surveys.Rows)
        {
            var complaint = complaints[survey["complaint_id"]];
            var resolvedAt = complaint.RequiredInstant("resolved_at");
            Assert.True(survey.RequiredInstant("answered_at") > resolvedAt);
            if (survey.Integer("csat") is { } csat)
            {
                Assert.InRange(csat, 1, 5);
                scored.Add(((resolvedAt - complaint.RequiredInstant("received_at")).TotalDays, csat));
            }
            if (survey.Integer("nps") is { } nps)
                Assert.InRange(nps, 0, 10);
        }

        var resolvedCount = data.Complaints.Rows.Count(c => c["resolved_at"] != "");
        Assert.InRange(data.Surveys.Rows.Count / (double)resolvedCount, 0.28, 0.42);
        var quick = scored.Where(s => s.Days <= 7).Average(s => s.Csat);
        var slow = scored.Where(s => s.Days > 21).Average(s => s.Csat);
        Assert.True(quick > slow + 1, $"CSAT {quick:F2} for quick cases, {slow:F2} for slow ones");
    }

    [Fact]
    public void Zero_complaints_still_writes_every_file_with_its_header()
    {
        using var directory = new TempDirectory();

        var files = new DemoDataGenerator().Write(directory.Path, new DemoDataOptions(0, 5, new DateOnly(2025, 1, 31)));

        Assert.Equal(40, CsvTable.Read(files.Products).Rows.Count);
        foreach (var path in new[] { files.Complaints, files.StatusEvents, files.Costs, files.Surveys })
            Assert.Empty(CsvTable.Read(path).Rows);
        Assert.Equal(8, Directory.GetFiles(directory.Path).Length); // seven feeds and the ground truth, no partial files left behind
        Assert.Contains("\"recurring_defects\"", File.ReadAllText(files.GroundTruth), StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_reports_the_complaints_written()
    {
        using var directory = new TempDirectory();
        var reports = new List<long>();

        new DemoDataGenerator().Write(directory.Path, new DemoDataOptions(2_500, 3, new DateOnly(2024, 12, 31), Years: 1), new Recorder(reports));

        Assert.Equal(2_500, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public void DuckDB_reads_every_file_with_the_canonical_types()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var tables = data.Files.FeedsWithLayouts.Select(f => (f.Path, Layout: f.Feed, Table: CsvTable.Read(f.Path)));

        foreach (var (path, layout, table) in tables)
        {
            // The column list comes from FeedLayouts (code, not data); the file path is bound.
            var columns = "{" + string.Join(", ", layout.Columns.Select(c => $"'{c.Name}': '{c.DuckDbType}'")) + "}";
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT count(*) FROM read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"',
                    escape = '"', strict_mode = true, columns = {columns})
                """;
            command.Parameters.Add(new DuckDBParameter("path", path));
            Assert.Equal((long)table.Rows.Count, Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
        }

        using var totals = connection.CreateCommand();
        totals.CommandText = """
            SELECT sum(amount) FROM read_csv($path, header = true, auto_detect = false,
                columns = {'source': 'VARCHAR', 'external_id': 'VARCHAR', 'complaint_source': 'VARCHAR', 'complaint_id': 'VARCHAR',
                           'cost_type': 'VARCHAR', 'amount': 'DECIMAL(18,2)', 'currency': 'VARCHAR', 'booked_on': 'DATE', 'updated_at': 'TIMESTAMPTZ'})
            """;
        totals.Parameters.Add(new DuckDBParameter("path", data.Files.Costs));
        var expected = data.Costs.Rows.Sum(k => decimal.Parse(k["amount"], CultureInfo.InvariantCulture));
        Assert.Equal(expected, Convert.ToDecimal(totals.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Documented_samples_follow_the_canonical_layouts_and_refer_to_each_other()
    {
        var docs = Path.Combine(Repository.Root, "docs");
        var feedsDoc = File.ReadAllText(Path.Combine(docs, "feeds.md"));
        var samples = FeedLayouts.All.ToDictionary(f => f.Name, f => CsvTable.Read(Path.Combine(docs, "samples", f.Name + ".csv")));

        foreach (var layout in FeedLayouts.All)
        {
            Assert.Equal(layout.Columns.Select(c => c.Name), samples[layout.Name].Header);
            Assert.NotEmpty(samples[layout.Name].Rows);
            foreach (var column in layout.Columns)
                Assert.Contains($"| `{column.Name}` | {column.DuckDbType} | {(column.Required ? "yes" : "no")} |", feedsDoc, StringComparison.Ordinal);
        }

        var skus = samples["products"].Rows.Select(p => p["sku"]).ToHashSet();
        var complaintIds = samples["complaints"].Rows.Select(c => c["external_id"]).ToHashSet();
        Assert.All(samples["complaints"].Rows, c => Assert.Contains(c["product_sku"], skus));
        foreach (var feed in new[] { "status_events", "costs", "surveys" })
            Assert.All(samples[feed].Rows, r => Assert.Contains(r["complaint_id"], complaintIds));
    }

    private static void AssertCodes(CsvTable table, string column, params string[] allowed) =>
        Assert.All(table.Rows, r => Assert.Contains(r[column], allowed));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")]
    private static partial Regex IsoInstant();

    private sealed class Recorder(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
