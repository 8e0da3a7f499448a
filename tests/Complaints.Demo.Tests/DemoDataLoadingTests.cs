using System.Globalization;
using Complaints.Demo;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Demo.Tests;

public sealed class DemoDataLoadingTests
{
    [Fact]
    public async Task The_canonical_loader_accepts_every_generated_file_late_events_included()
    {
        using var directory = new TempDirectory();
        var files = new DemoDataGenerator().Write(directory.Path, new DemoDataOptions(3_000, 9, new DateOnly(2025, 11, 30)));
        var events = CsvTable.Read(files.StatusEvents);
        Assert.Contains(events.Rows, e => e.RequiredInstant("updated_at") > e.RequiredInstant("occurred_at"));

        var time = new FakeTimeProvider(new DateTimeOffset(2025, 12, 1, 6, 0, 0, TimeSpan.Zero));
        using var warehouse = await TempWarehouse.CreateAsync(time);
        var loader = warehouse.Loader();
        foreach (var (path, feed) in files.FeedsWithLayouts)
        {
            var result = await loader.LoadAsync(path, feed, isDemo: true);
            Assert.True(result.Status == LoadStatus.Loaded, $"{feed.Name}: {result.Error}");
            Assert.Equal(CsvTable.Read(path).Rows.Count, result.RowsInserted);
        }
    }

    [Fact]
    public void Late_status_events_arrive_after_the_next_change_or_the_complaints_last_update()
    {
        using var directory = new TempDirectory();
        var files = new DemoDataGenerator().Write(directory.Path, new DemoDataOptions(3_000, 9, new DateOnly(2025, 11, 30)));
        var complaints = CsvTable.Read(files.Complaints).Rows.ToDictionary(c => c["external_id"]);
        var events = CsvTable.Read(files.StatusEvents).Rows;

        var late = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var entered = events[i].RequiredInstant("updated_at");
            if (entered == events[i].RequiredInstant("occurred_at"))
                continue;
            late++;
            var next = i + 1 < events.Count && events[i + 1]["complaint_id"] == events[i]["complaint_id"] ? events[i + 1] : null;
            if (next is not null)
                Assert.True(next.RequiredInstant("occurred_at") < entered);
            else
                Assert.True(complaints[events[i]["complaint_id"]].RequiredInstant("updated_at") < entered);
        }
        Assert.InRange(late / (double)complaints.Count, 0.01, 0.05);
    }
}

public sealed class DemoDataPatternTests(GeneratedDemoData data) : IClassFixture<GeneratedDemoData>
{
    private static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    private static DateTime Local(CsvTable.Row complaint) => TimeZoneInfo.ConvertTime(complaint.RequiredInstant("received_at"), Warsaw).DateTime;

    private static bool OutOfOfficeHours(DateTime local) =>
        local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || local.Hour is < 8 or >= 18;

    [Fact]
    public void Phone_complaints_come_in_office_hours_written_ones_also_at_night_and_weekends()
    {
        var byChannel = data.Complaints.Rows.ToLookup(c => c["channel"]);

        Assert.All(byChannel["phone"], c => Assert.False(OutOfOfficeHours(Local(c)), c["received_at"]));
        foreach (var written in new[] { "email", "web_form" })
        {
            var outside = byChannel[written].Count(c => OutOfOfficeHours(Local(c))) / (double)byChannel[written].Count();
            Assert.InRange(outside, 0.3, 0.7);
        }
        var weekendShareOfWebForms = byChannel["web_form"].Count(c => Local(c).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) / (double)byChannel["web_form"].Count();
        Assert.True(weekendShareOfWebForms > 0.12, $"{weekendShareOfWebForms:P1} of web forms at weekends");
    }

    [Fact]
    public void December_draws_more_complaints_than_an_ordinary_month()
    {
        var perMonth = data.Complaints.Rows.CountBy(c => (Local(c).Year, Local(c).Month)).ToDictionary();
        var december = perMonth[(2024, 12)];
        var september = perMonth[(2024, 9)];

        Assert.True(december > 1.2 * september, $"December {december}, September {september}");
    }

    [Fact]
    public void Costs_depend_on_the_decision_and_the_product_line()
    {
        var complaints = data.Complaints.Rows.ToDictionary(c => c["external_id"]);
        var lineOf = data.Products.Rows.ToDictionary(p => p["sku"], p => p["product_line"]);
        var pln = data.Costs.Rows.Where(k => k["currency"] == "PLN")
            .Select(k => (Complaint: complaints[k["complaint_id"]], Type: k["cost_type"], Amount: decimal.Parse(k["amount"], CultureInfo.InvariantCulture)))
            .ToList();

        decimal Average(Func<(CsvTable.Row Complaint, string Type, decimal Amount), bool> which) => pln.Where(which).Average(k => k.Amount);

        Assert.True(Average(k => k.Complaint["decision"] == "refund" && k.Type == "refund") > 3m * Average(k => k.Type == "repair" && k.Complaint["decision"] == "in_house_repair"));
        Assert.True(Average(k => k.Type == "labour" && lineOf[k.Complaint["product_sku"]] == "Furniture") > 1.5m * Average(k => k.Type == "labour" && lineOf[k.Complaint["product_sku"]] == "Sports"));
    }
}
