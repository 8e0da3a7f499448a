using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Dashboards.Tests.Sla;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Costs;

namespace Complaints.Dashboards.Tests.Costs;

/// <summary>
/// <c>GET /api/costs</c> over the SLA fixture's complaints and the cost fixture, against the same figures worked out
/// here with LINQ from the fixture rows: rates looked up by month by hand, each booking rounded to cents.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class CostsApiTests(SlaHost host)
{
    private static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    private static SlaFixture.Row Complaint(string id) => SlaFixture.Complaints.Single(c => c.Id == id);

    private static string Line(CostFeedbackFixture.CostRow c) => SlaFixture.ProductLines[Complaint(c.Complaint).Sku];

    private Task<CostFigures?> Get(string query = "") => host.Http.GetFromJsonAsync<CostFigures>("/api/costs" + query);

    [Fact]
    public async Task A_cost_in_EUR_is_converted_with_the_rate_of_the_month_it_was_booked_in()
    {
        var figures = (await Get("?product=HA-0001"))!;

        // E1: 100.00 PLN + 20.00 EUR × 4.25 (May) = 185.00; E2: 300.00 EUR × 4.20 (March) = 1,260.00; E3: 15.55 EUR × 4.20 = 65.31.
        Assert.Equal(1510.31m, figures.Summary.Amount);
        Assert.Equal(1510.31m, Assert.Single(figures.PerProduct).Amount);
    }

    [Fact]
    public async Task Totals_per_complaint_and_unconverted_costs_equal_the_fixture()
    {
        var figures = (await Get())!;

        var converted = CostFeedbackFixture.Costs.Where(c => CostFeedbackFixture.InPln(c) is not null).ToList();
        var total = converted.Sum(c => CostFeedbackFixture.InPln(c)!.Value);
        var costed = CostFeedbackFixture.Costs.Select(c => c.Complaint).Distinct().Count();
        var s = figures.Summary;
        Assert.Equal(("PLN", total, (long)SlaFixture.Complaints.Count, (long)costed), (s.Currency, s.Amount, s.Complaints, s.CostedComplaints));
        Assert.Equal(Math.Round(total / SlaFixture.Complaints.Count, 2), s.PerComplaint);
        Assert.Equal(Math.Round(total / costed, 2), s.PerCostedComplaint);
        Assert.Equal(1L, s.UnconvertedCosts);
        Assert.Equal(["USD"], s.UnconvertedCurrencies);
        // The same total, added up on paper: 100 + 85 + 1,260 + 65.31 + 344 + 499.99 + 492.
        Assert.Equal(2846.30m, s.Amount);
    }

    [Fact]
    public async Task Cost_per_product_line_and_cost_type_equal_the_fixture()
    {
        var figures = (await Get())!;

        Assert.Equal(
            CostFeedbackFixture.Costs.GroupBy(c => Complaint(c.Complaint).Sku).ToDictionary(g => g.Key, g => (g.Sum(c => CostFeedbackFixture.InPln(c) ?? 0m), (long)g.Select(c => c.Complaint).Distinct().Count())),
            figures.PerProduct.ToDictionary(p => p.Sku, p => (p.Amount, p.Complaints)));
        Assert.Equal(
            CostFeedbackFixture.Costs.GroupBy(Line).ToDictionary(g => g.Key, g => g.Sum(c => CostFeedbackFixture.InPln(c) ?? 0m)),
            figures.PerProductLine.ToDictionary(l => l.ProductLine, l => l.Amount));
        Assert.Equal(
            CostFeedbackFixture.Costs.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => (g.Sum(c => CostFeedbackFixture.InPln(c) ?? 0m), (long)g.Count(), (long)g.Select(c => c.Complaint).Distinct().Count())),
            figures.PerCostType.ToDictionary(t => t.CostType, t => (t.Amount, t.Costs, t.Complaints)));
    }

    [Fact]
    public async Task The_monthly_trend_adds_up_bookings_by_the_month_they_were_booked_in()
    {
        var figures = (await Get())!;

        Assert.Equal(
            CostFeedbackFixture.Costs.GroupBy(c => new DateOnly(c.Booked.Year, c.Booked.Month, 1)).OrderBy(g => g.Key)
                .Select(g => (g.Key, g.Sum(c => CostFeedbackFixture.InPln(c) ?? 0m))).ToList(),
            figures.Trend.Select(m => (m.Month, m.Amount)).ToList());
    }

    [Fact]
    public async Task Cost_per_thousand_units_divides_by_the_units_sold_in_the_months_the_dates_cover()
    {
        var all = (await Get())!;
        var spring = (await Get("?from=2025-03-01&to=2025-04-30"))!;

        DateOnly ReceivedMonth(string id)
        {
            var local = TimeZoneInfo.ConvertTime(Complaint(id).ReceivedAt, Warsaw);
            return new DateOnly(local.Year, local.Month, 1);
        }
        Dictionary<string, decimal> Expected(DateOnly first, DateOnly last) => CostFeedbackFixture.UnitsSold.Keys.Select(k => k.Sku).Distinct().ToDictionary(sku => sku, sku =>
        {
            var months = CostFeedbackFixture.UnitsSold.Where(u => u.Key.Sku == sku && u.Key.Month >= first && u.Key.Month <= last).ToList();
            var cost = CostFeedbackFixture.Costs.Where(c => Complaint(c.Complaint).Sku == sku && months.Any(m => m.Key.Month == ReceivedMonth(c.Complaint)))
                .Sum(c => CostFeedbackFixture.InPln(c) ?? 0m);
            return Math.Round(cost * 1000m / months.Sum(m => m.Value), 2);
        });
        Assert.Equal(Expected(DateOnly.MinValue, DateOnly.MaxValue), all.PerThousandUnits.ToDictionary(u => u.Sku, u => u.PerThousandUnits));
        Assert.Equal(Expected(new(2025, 3, 1), new(2025, 4, 1)), spring.PerThousandUnits.ToDictionary(u => u.Sku, u => u.PerThousandUnits));
    }

    [Fact]
    public async Task SLA_penalties_are_the_configured_amounts_times_the_breaches_judged_by_hand()
    {
        var figures = (await Get())!;

        var breaches = SlaFixture.Complaints.Count(r => r.ResolutionBreached == true);
        var misses = SlaFixture.Complaints.Count(r => r.StatutoryMet == false);
        var p = figures.Penalties;
        Assert.Equal(((long)breaches, (long)misses), (p.ResolutionBreaches, p.StatutoryMisses));
        Assert.Equal(breaches * CostFeedbackFixture.ResolutionBreachPenalty + misses * CostFeedbackFixture.StatutoryMissPenalty, p.Amount);
        Assert.Equal(SlaFixture.AsOf, figures.AsOf);
    }

    [Fact]
    public async Task Each_clickable_cost_figure_lists_exactly_its_complaints()
    {
        var figures = (await Get())!;

        foreach (var p in figures.PerProduct)
            Assert.Equal(p.Complaints, await ListedCount($"/complaints?product={p.Sku}&costed=true"));
        foreach (var t in figures.PerCostType)
            Assert.Equal(t.Complaints, await ListedCount($"/complaints?cost_type={t.CostType}"));
        var asOf = Uri.EscapeDataString(FilterValues.FormatInstant(figures.AsOf));
        Assert.Equal(figures.Penalties.ResolutionBreaches, await ListedCount($"/complaints?breached=resolution&asof={asOf}"));
        Assert.Equal(figures.Penalties.StatutoryMisses, await ListedCount($"/complaints?breached=statutory&asof={asOf}"));
    }

    [Fact]
    public async Task The_costs_page_shows_the_total_and_a_bad_filter_gets_what_to_fix()
    {
        var html = await host.Http.GetStringAsync("/costs");
        var response = await host.Http.GetAsync("/api/costs?breached=sometimes");

        Assert.Contains(2846.30m.ToString("N2", CultureInfo.CurrentCulture) + " PLN", html);
        Assert.Contains("data-chart=\"cost-per-type\"", html);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'breached' must be any, first_response, resolution or statutory", await response.Content.ReadAsStringAsync());
    }

    /// <summary>The count the complaint list shows (0 when it says none match).</summary>
    private async Task<long> ListedCount(string url)
    {
        var html = await host.Http.GetStringAsync(url);
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-figure=\"count\"[^>]*>([^<]+)<");
        return match.Success ? long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.CurrentCulture) : 0;
    }
}
