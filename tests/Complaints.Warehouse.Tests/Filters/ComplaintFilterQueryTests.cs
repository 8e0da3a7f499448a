using Complaints.Warehouse;

namespace Complaints.Warehouse.Tests.Filters;

/// <summary>The one filter type in and out of a query string: every field round-trips, bad text is named, and no field is forgotten.</summary>
public sealed class ComplaintFilterQueryTests
{
    private static readonly ComplaintFilter Everything = new(
        From: new DateOnly(2026, 1, 1), To: new DateOnly(2026, 3, 31), Product: "SKU-1", Line: "Furniture", Category: "hinge",
        Channel: "phone", Segment: "business", Country: "PL", Status: "open", Team: "Returns", Breached: SlaBreach.Statutory,
        Age: "4-7", Resolved: false, Costed: true, CostType: "refund", Surveyed: true, AsOf: new DateTimeOffset(2026, 4, 1, 8, 30, 0, TimeSpan.FromHours(2)));

    private static ComplaintFilter Read(IReadOnlyList<(string Name, string Value)> query, out FilterError? error) =>
        ComplaintFilter.FromQuery(name => query.FirstOrDefault(q => q.Name == name).Value, out error);

    [Fact]
    public void Every_field_written_to_a_query_string_reads_back_the_same()
    {
        var query = Everything.ToQuery();

        var read = Read(query, out var error);

        Assert.Null(error);
        Assert.Equal(Everything, read);
        Assert.Equal(ComplaintFilter.Fields.Select(f => f.Name), query.Select(q => q.Name));
        Assert.Contains(("asof", "2026-04-01T06:30:00.0000000Z"), query);
        Assert.Contains(("breached", "statutory"), query);
    }

    [Fact]
    public void The_field_list_covers_every_property_of_the_filter_and_each_entry_sets_only_its_own()
    {
        var properties = typeof(ComplaintFilter).GetConstructors().Single(c => c.GetParameters().Length > 0).GetParameters();
        Assert.Equal(properties.Length, ComplaintFilter.Fields.Count);
        foreach (var field in ComplaintFilter.Fields)
        {
            var alone = field.Set(ComplaintFilter.All, field.Get(Everything));
            Assert.Equal([field.Name], alone.ToQuery().Select(q => q.Name));
        }
    }

    [Fact]
    public void Empty_values_mean_any_and_the_drill_downs_are_told_apart()
    {
        var read = Read([("product", "  "), ("channel", " email "), ("costed", "true")], out var error);

        Assert.Null(error);
        Assert.Equal(new ComplaintFilter(Channel: "email", Costed: true), read);
        Assert.Equal([("costed", "true")], read.DrillDown);
    }

    [Theory]
    [InlineData("from", "1 Jan 2026", FilterProblem.NotADay)]
    [InlineData("resolved", "yes", FilterProblem.NotAFlag)]
    [InlineData("breached", "late", FilterProblem.NotABreach)]
    [InlineData("age", "5", FilterProblem.NotAnAgeBucket)]
    [InlineData("asof", "2026-04-01T08:30:00", FilterProblem.NotAnInstant)]
    public void Text_that_is_not_the_field_s_kind_is_named_and_the_other_fields_still_read(string field, string text, FilterProblem problem)
    {
        var read = Read([(field, text), ("channel", "email")], out var error);

        Assert.Equal(new FilterError(problem, field, text), error);
        Assert.Equal("email", read.Channel);
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_is_refused()
    {
        Read([("from", "2026-03-01"), ("to", "2026-02-01")], out var error);

        Assert.Equal(new FilterError(FilterProblem.FromAfterTo, "from", "2026-03-01", "2026-02-01"), error);
    }
}
