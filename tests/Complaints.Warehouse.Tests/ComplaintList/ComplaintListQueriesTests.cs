using Complaints.Testing;
using Complaints.Warehouse.ComplaintList;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Tests.ComplaintList;

public sealed class ComplaintListQueriesTests
{
    private static async Task<(TempWarehouse Warehouse, ComplaintListQueries Queries)> WithComplaints(params (string Id, string Description)[] complaints)
    {
        var warehouse = await TempWarehouse.CreateAsync();
        using var connection = warehouse.Database.OpenConnection();
        var received = new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
        foreach (var (id, description) in complaints)
            connection.Execute("""
                INSERT INTO complaints (source, external_id, updated_at, received_at, status, product_sku, description, run_id)
                VALUES ('test', $id, $at, $at, 'new', 'HA-0001', $description, 0)
                """, ("id", id), ("at", received), ("description", description));
        return (warehouse, new ComplaintListQueries(warehouse.Database, Options.Create(new ReportingOptions())));
    }

    [Theory]
    [InlineData("USZCZELKA DRZWI PĘKŁA")]
    [InlineData("uszczelka drzwi pekla")]
    [InlineData("Pękła")]
    [InlineData("lodz")]
    [InlineData("ŁÓDŹ")]
    [InlineData("tygodniu.")]
    public async Task Search_ignores_case_and_Polish_diacritics(string search)
    {
        var (warehouse, queries) = await WithComplaints(
            ("C1", "Pralka przecieka w Łodzi, uszczelka drzwi pękła po tygodniu."),
            ("C2", "Telewizor ma smugę na ekranie."));
        using var _ = warehouse;

        var found = queries.Page(ComplaintFilter.All, search, ComplaintSort.Received, descending: true, offset: 0, limit: 10);

        Assert.Equal(["C1"], found.Select(c => c.ExternalId));
        Assert.Equal(1, queries.Count(ComplaintFilter.All, search));
    }

    [Theory]
    [InlineData(ComplaintSort.Received, true, 0)]
    [InlineData(ComplaintSort.Product, false, 1)]
    [InlineData(ComplaintSort.Status, true, 2)]
    [InlineData(ComplaintSort.Channel, false, 5)] // past the last match: no rows, the count still comes back
    public async Task A_search_counts_and_pages_in_one_pass_as_the_two_queries_do(ComplaintSort sort, bool descending, int offset)
    {
        var (warehouse, queries) = await WithComplaints(
            ("C1", "Pralka przecieka."), ("C2", "Pralka nie wiruje."), ("C3", "Telewizor ma smugę."), ("C4", "PRALKĄ trzęsie."), ("C5", "pralka"));
        using var _ = warehouse;

        var (count, items) = queries.CountAndPage(ComplaintFilter.All, "pralka", sort, descending, offset, limit: 2);

        Assert.Equal(queries.Count(ComplaintFilter.All, "pralka"), count);
        Assert.Equal(4, count);
        Assert.Equal(queries.Page(ComplaintFilter.All, "pralka", sort, descending, offset, limit: 2), items);
        Assert.Equal(offset >= 4 ? 0 : Math.Min(2, 4 - offset), items.Count);
    }

    [Fact]
    public async Task Search_text_is_data_not_a_pattern()
    {
        var (warehouse, queries) = await WithComplaints(("C1", "100% broken"), ("C2", "works"));
        using var _ = warehouse;

        Assert.Equal(1, queries.Count(ComplaintFilter.All, "%")); // the literal sign, not a wildcard matching both
        Assert.Equal(1, queries.Count(ComplaintFilter.All, "100%"));
        Assert.Equal(0, queries.Count(ComplaintFilter.All, "'; DROP TABLE complaints; --"));
        Assert.Equal(0, queries.Count(ComplaintFilter.All, "w.rks")); // a dot is a dot, not any letter
        Assert.Equal(0, queries.Count(ComplaintFilter.All, "(")); // an unbalanced bracket is text, not a broken pattern
        Assert.Equal(2, queries.Count(ComplaintFilter.All, null));
    }
}

public sealed class SearchPatternTests
{
    [Theory]
    [InlineData("Pękła", "p[eę]k[lł][aą]")]
    [InlineData("ŻÓŁTY", "[zźż][oó][lł]ty")]
    [InlineData("100% (a.b)", @"100\%\ \([aą]\.b\)")]
    public void Letters_with_Polish_variants_become_classes_and_the_rest_is_literal(string search, string pattern) =>
        Assert.Equal(pattern, SearchPattern.For(search));
}

public sealed class FilterOptionsQueryTests
{
    [Fact]
    public async Task The_choices_are_kept_until_the_next_write_and_read_again_after_it()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var query = new FilterOptionsQuery(warehouse.Database, new FigureCache(warehouse.Database));
        Assert.Empty(query.Get().Channels);

        await warehouse.Database.WriteAsync(connection => Task.FromResult(connection.Execute("""
            INSERT INTO complaints (source, external_id, updated_at, received_at, status, product_sku, channel, run_id)
            VALUES ('test', 'C1', now(), now(), 'new', 'HA-0001', 'carrier_pigeon', 0)
            """)));

        Assert.Equal(["carrier_pigeon"], query.Get().Channels.Select(c => c.Value));
        Assert.Same(query.Get(), query.Get()); // no write in between: the same answer, not read again
    }
}
