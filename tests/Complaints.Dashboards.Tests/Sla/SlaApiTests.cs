using System.Net;
using System.Net.Http.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Sla;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Dashboards.Tests.Sla;

/// <summary>The real host over the SLA fixture, its clock fixed at the fixture's as-of instant.</summary>
public sealed class SlaHost : IAsyncLifetime
{
    private TempWarehouse _warehouse = null!;
    private WebApplicationFactory<Program> _factory = null!;


    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var time = new FakeTimeProvider(SlaFixture.AsOf);
        _warehouse = await TempWarehouse.CreateAsync(time, SlaFixture.Options());
        var loader = _warehouse.Loader();
        foreach (var (feed, csv) in SlaFixture.Files().Concat(CostFeedbackFixture.Files()))
        {
            var result = await loader.LoadAsync(_warehouse.WriteFile($"{feed.Name}.csv", csv), feed);
            if (result.Status != LoadStatus.Loaded)
                throw new InvalidOperationException($"SLA fixture did not load: {result.Error}");
        }
        (_factory, var address) = TestApp.Start(
            new Dictionary<string, string?>
            {
                ["Warehouse:Path"] = _warehouse.Database.Path, ["Demo:Enabled"] = "false",
                ["Sla:Penalties:ResolutionBreach"] = CostFeedbackFixture.ResolutionBreachPenalty.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Sla:Penalties:StatutoryMiss"] = CostFeedbackFixture.StatutoryMissPenalty.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            services =>
            {
                services.AddSingleton<TimeProvider>(time);
                // A recalculation through the host measures with the fixture's policies, so it changes no figure other tests check.
                services.AddSingleton(new SlaMeasures(Options.Create(SlaFixture.Options()), Options.Create(new ReportingOptions()), time));
            });
        Http = TestApp.Client(address);
    }

    /// <summary>The audit log as the warehouse holds it (read alongside the host, as any reader does).</summary>
    public IReadOnlyList<Complaints.Warehouse.Audit.AuditEntry> AuditEntries()
    {
        using var connection = _warehouse.Database.OpenConnection();
        return Complaints.Warehouse.Audit.AuditLog.Read(connection);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        _warehouse.Dispose();
    }
}

/// <summary>
/// <c>GET /api/sla</c> against the same figures computed here by LINQ over the fixture's hand-worked per-complaint
/// outcomes: two independent routes to each number.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class SlaApiTests(SlaHost host)
{
    private static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    private static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Warsaw).DateTime);

    private static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 2);

    private static SlaAchievement ExpectedAchievement(IReadOnlyList<SlaFixture.Row> rows)
    {
        var fr = rows.Where(r => r.FirstResponseBreached is not null).ToList();
        var res = rows.Where(r => r.ResolutionBreached is not null).ToList();
        var stat = rows.Where(r => r.StatutoryMet is not null).ToList();
        int frMet = fr.Count(r => r.FirstResponseBreached == false), resMet = res.Count(r => r.ResolutionBreached == false),
            statMet = stat.Count(r => r.StatutoryMet == true), reopened = rows.Count(r => r.Reopens > 0);
        return new SlaAchievement(rows.Count, fr.Count, frMet, Percent(frMet, fr.Count), res.Count, resMet, Percent(resMet, res.Count),
            stat.Count, statMet, Percent(statMet, stat.Count), reopened, Percent(reopened, rows.Count));
    }

    private static Dictionary<string, (long Complaints, long Breached)> ExpectedBreaches(Func<SlaFixture.Row, string> dimension) =>
        SlaFixture.Complaints.GroupBy(dimension).ToDictionary(g => g.Key,
            g => ((long)g.Count(), (long)g.Count(r => r.FirstResponseBreached == true || r.ResolutionBreached == true)));

    private static Dictionary<string, (long Complaints, long Breached)> Actual(IEnumerable<SlaBreaches> breaches) =>
        breaches.ToDictionary(b => b.Value, b => (b.Complaints, b.Breached));

    // Linear interpolation between order statistics, the textbook continuous quantile.
    private static double Quantile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToList();
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    [Fact]
    public async Task Achievement_and_reopen_rate_equal_the_fixture_counted_by_hand()
    {
        var figures = await host.Http.GetFromJsonAsync<SlaFigures>("/api/sla");

        Assert.NotNull(figures);
        Assert.Equal(SlaFixture.AsOf, figures.AsOf);
        Assert.Equal(ExpectedAchievement(SlaFixture.Complaints), figures.Achievement);
        // The same figures, worked out once more on paper: 6 of 13 first responses, 4 of 7 resolutions, 6 of 7 statutory.
        Assert.Equal((46.15, 57.14, 85.71, 7.14), (figures.Achievement.FirstResponsePercent, figures.Achievement.ResolutionPercent,
            figures.Achievement.StatutoryPercent, figures.Achievement.ReopenRatePercent));
    }

    [Fact]
    public async Task Breaches_per_product_line_channel_segment_and_team_equal_the_fixture()
    {
        var figures = (await host.Http.GetFromJsonAsync<SlaFigures>("/api/sla"))!;

        Assert.Equal(ExpectedBreaches(r => SlaFixture.ProductLines[r.Sku]), Actual(figures.BreachesByProductLine));
        Assert.Equal(ExpectedBreaches(r => r.Channel), Actual(figures.BreachesByChannel));
        Assert.Equal(ExpectedBreaches(r => r.Segment), Actual(figures.BreachesBySegment));
        Assert.Equal(ExpectedBreaches(r => r.Team), Actual(figures.BreachesByTeam));
    }

    [Fact]
    public async Task Backlog_buckets_equal_the_open_complaints_aged_in_local_days()
    {
        var figures = (await host.Http.GetFromJsonAsync<SlaFigures>("/api/sla"))!;

        var asOf = LocalDate(SlaFixture.AsOf);
        var expected = SlaFixture.Complaints.Where(r => r.ResolvedAt is null)
            .Select(r => asOf.DayNumber - LocalDate(r.ReceivedAt).DayNumber)
            .GroupBy(age => age switch { <= 3 => "0-3", <= 7 => "4-7", <= 14 => "8-14", _ => ">14" })
            .ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected, figures.Backlog.Where(b => b.Complaints > 0).ToDictionary(b => b.Bucket, b => b.Complaints));
        Assert.Equal(SlaQueries.BacklogBuckets, figures.Backlog.Select(b => b.Bucket));
    }

    [Fact]
    public async Task Open_complaints_come_with_time_left_overdue_first()
    {
        var figures = (await host.Http.GetFromJsonAsync<SlaFigures>("/api/sla"))!;

        var open = SlaFixture.Complaints.Where(r => r.ResolvedAt is null).Select(r => r.Id).Order().ToList();
        Assert.Equal(open, figures.DueSoon.Select(d => d.ExternalId).Order().ToList());
        Assert.Equal(("O8", -300.0), (figures.DueSoon[0].ExternalId, figures.DueSoon[0].HoursLeft));
        Assert.True(figures.DueSoon.Skip(1).All(d => d.HoursLeft > 0));
    }

    [Fact]
    public async Task Median_and_p90_handling_time_per_product_are_within_the_stated_error_of_the_fixture()
    {
        var figures = (await host.Http.GetFromJsonAsync<SlaFigures>("/api/sla"))!;

        var expected = SlaFixture.Complaints.Where(r => r.ResolvedAt is not null).GroupBy(r => r.Sku).ToDictionary(g => g.Key, g =>
        {
            var days = g.Select(r => (r.ResolvedAt!.Value - r.ReceivedAt).TotalDays).ToList();
            return (Median: Quantile(days, 0.5), P90: Quantile(days, 0.9));
        });
        // From the SLA rollup's sketch: each within the bound the API states beside them.
        var error = Assert.IsType<double>(figures.MedianRelativeError);
        Assert.Equal(expected.Keys.Order(), figures.HandlingTimePerProduct.Select(h => h.Sku).Order());
        foreach (var product in figures.HandlingTimePerProduct)
        {
            Assert.InRange(product.MedianDays, expected[product.Sku].Median * (1 - error), expected[product.Sku].Median * (1 + error));
            Assert.InRange(product.P90Days, expected[product.Sku].P90 * (1 - error), expected[product.Sku].P90 * (1 + error));
        }
    }

    [Fact]
    public async Task Dates_filter_the_SLA_figures_by_day_of_receipt()
    {
        var june = (await host.Http.GetFromJsonAsync<SlaFigures>("/api/sla?from=2025-06-01&to=2025-06-30"))!;

        var rows = SlaFixture.Complaints.Where(r => LocalDate(r.ReceivedAt) >= new DateOnly(2025, 6, 1)).ToList();
        Assert.Equal(ExpectedAchievement(rows), june.Achievement);
    }

    [Fact]
    public async Task The_SLA_page_shows_the_same_achievement_and_backlog()
    {
        var html = await host.Http.GetStringAsync("/sla");

        var achievement = ExpectedAchievement(SlaFixture.Complaints);
        string Percent(double? v) => v!.Value.ToString("N1", System.Globalization.CultureInfo.CurrentCulture) + "%";
        // Scoped CSS adds an attribute after data-figure, so the tile is matched up to its closing '>'.
        string Tile(string name, string value) => $"data-figure=\"{name}\"[^>]*>{System.Text.RegularExpressions.Regex.Escape(value)}<";
        Assert.Matches(Tile("first-response", Percent(achievement.FirstResponsePercent)), html);
        Assert.Matches(Tile("statutory", Percent(achievement.StatutoryPercent)), html);
        Assert.Matches(Tile("backlog", SlaFixture.Complaints.Count(r => r.ResolvedAt is null).ToString(System.Globalization.CultureInfo.CurrentCulture)), html);
        Assert.Contains("data-chart=\"backlog-ageing\"", html);
        // The medians come from the rollup's sketches, and the page says how close they are.
        Assert.Contains("data-median-error", html);
    }

    [Fact]
    public async Task A_bad_filter_is_answered_with_what_to_fix()
    {
        var response = await host.Http.GetAsync("/api/sla?to=16.06.2025");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'to' must be a date written as yyyy-MM-dd", await response.Content.ReadAsStringAsync());
    }
}
