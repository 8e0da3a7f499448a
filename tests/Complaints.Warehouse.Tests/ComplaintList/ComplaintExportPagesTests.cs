using Complaints.Testing;
using Complaints.Warehouse.ComplaintList;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Tests.ComplaintList;

/// <summary>
/// The export reads the list page by page: every row exactly once and in the list's order, wherever the page
/// boundaries fall, also inside a run of complaints received at the same instant, and all from one snapshot.
/// </summary>
public sealed class ComplaintExportPagesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Instant = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private TempWarehouse _warehouse = null!;
    private ComplaintListQueries _queries = null!;

    /// <summary>
    /// 23 complaints from two sources: five before an instant, eleven at it, seven after it, some of those in pairs at
    /// one second. At the instant the source decides first, then the id as text ("C10" before "C2").
    /// </summary>
    private static readonly (string Source, string Id, DateTimeOffset ReceivedAt)[] Complaints =
    [
        .. Enumerable.Range(1, 5).Select(i => ("shop", $"E{i}", Instant.AddMinutes(i - 6))),
        .. new[] { "M1", "M2", "M3", "M4" }.Select(id => ("mail", id, Instant)),
        .. new[] { "C1", "C2", "C3", "C10", "C11", "C12", "C20" }.Select(id => ("shop", id, Instant)),
        .. Enumerable.Range(1, 7).Select(i => (i % 2 == 0 ? "mail" : "shop", $"L{i}", Instant.AddSeconds((i + 1) / 2))),
    ];

    /// <summary>The list's order worked out here, not by the warehouse: time, then source, then id, as text by code point.</summary>
    private static readonly string[] Expected = Complaints
        .OrderBy(c => c.ReceivedAt).ThenBy(c => c.Source, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal)
        .Select(c => $"{c.Source}/{c.Id}").ToArray();

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync();
        _queries = new ComplaintListQueries(_warehouse.Database, Options.Create(new ReportingOptions()));
        using var connection = _warehouse.Database.OpenConnection();
        foreach (var (source, id, at) in Complaints)
            connection.Execute("""
                INSERT INTO complaints (source, external_id, updated_at, received_at, status, product_sku, customer_id, run_id)
                VALUES ($source, $id, $at, $at, 'new', 'HA-0001', 'K-' || $id, 0)
                """, ("source", source), ("id", id), ("at", at));
        // Every customer's segment is its complaint's id: each page must join its own complaints' customers.
        connection.Execute("""
            INSERT INTO customers (source, customer_id, segment, updated_at, run_id)
            SELECT source, customer_id, external_id, updated_at, 0 FROM complaints
            """);
    }

    public Task DisposeAsync()
    {
        _warehouse.Dispose();
        return Task.CompletedTask;
    }

    private static List<(string Key, string? Segment)>[] ReadPages(ComplaintExportPages pages)
    {
        var read = new List<List<(string, string?)>>();
        foreach (var command in pages.Commands())
        {
            using (command)
            using (var reader = command.ExecuteReader())
            {
                var page = new List<(string, string?)>();
                while (reader.Read())
                    page.Add(($"{reader.GetString(reader.GetOrdinal("source"))}/{reader.GetString(reader.GetOrdinal("external_id"))}",
                        reader.IsDBNull(reader.GetOrdinal("segment")) ? null : reader.GetString(reader.GetOrdinal("segment"))));
                read.Add(page);
            }
        }
        return [.. read];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(22)]
    [InlineData(23)]
    [InlineData(50_000)]
    public void Every_row_comes_once_in_the_lists_order_wherever_the_pages_are_cut(int pageSize)
    {
        using var pages = _queries.ExportPages(ComplaintFilter.All, null, withFreeText: true, pageSize);

        var read = ReadPages(pages);

        Assert.Equal(Complaints.Length, pages.Rows);
        Assert.Equal((Complaints.Length + pageSize - 1) / pageSize, read.Length);
        Assert.All(read, page => Assert.InRange(page.Count, 1, pageSize));
        Assert.Equal(Expected, read.SelectMany(page => page).Select(row => row.Key));
        // Each row carries its own customer's segment, whichever page it was read in.
        Assert.All(read.SelectMany(page => page), row => Assert.Equal(row.Key.Split('/')[1], row.Segment));
    }

    [Fact]
    public void A_page_boundary_inside_a_run_of_equal_times_splits_it_by_source_and_id()
    {
        // Pages of 3: the eleven complaints at the instant are rows 6 to 16, cut by four page boundaries.
        using var pages = _queries.ExportPages(ComplaintFilter.All, null, withFreeText: true, pageSize: 3);

        var read = ReadPages(pages).Select(page => page.Select(row => row.Key)).ToArray();

        Assert.Equal(["shop/E4", "shop/E5", "mail/M1"], read[1]);
        Assert.Equal(["mail/M2", "mail/M3", "mail/M4"], read[2]);
        Assert.Equal(["shop/C1", "shop/C10", "shop/C11"], read[3]);
        Assert.Equal(["shop/C12", "shop/C2", "shop/C20"], read[4]);
        Assert.Equal(["shop/C3", "mail/L2", "shop/L1"], read[5]);
    }

    [Fact]
    public async Task A_load_committed_while_the_pages_are_read_changes_neither_the_rows_nor_the_count()
    {
        using var pages = _queries.ExportPages(ComplaintFilter.All, null, withFreeText: true, pageSize: 4);

        // Meanwhile a writer adds a complaint at the start of the list and moves one from the first page to the end.
        await _warehouse.Database.WriteAsync(connection => Task.FromResult(connection.Execute("""
            INSERT INTO complaints (source, external_id, updated_at, received_at, status, product_sku, run_id)
            VALUES ('shop', 'EARLY', $at, $at - INTERVAL 1 DAY, 'new', 'HA-0001', 0);
            UPDATE complaints SET received_at = received_at + INTERVAL 1 DAY WHERE external_id = 'E1';
            """, ("at", Instant))));
        var read = ReadPages(pages);

        Assert.Equal(Complaints.Length, pages.Rows);
        Assert.Equal(Expected, read.SelectMany(page => page).Select(row => row.Key));
        using var after = _queries.ExportPages(ComplaintFilter.All, null, withFreeText: true, pageSize: 4);
        Assert.Equal(Complaints.Length + 1, after.Rows);
        Assert.Equal("shop/EARLY", ReadPages(after)[0][0].Key);
    }

    [Fact]
    public void An_empty_list_is_one_page_that_still_has_its_twenty_columns()
    {
        using var pages = _queries.ExportPages(ComplaintFilter.All with { From = new DateOnly(2030, 1, 1) }, null, withFreeText: true, pageSize: 2);

        var commands = pages.Commands().ToList();
        using var reader = commands.Single().ExecuteReader();

        Assert.Equal(0, pages.Rows);
        Assert.Equal(20, reader.FieldCount);
        Assert.False(reader.Read());
        commands.ForEach(c => c.Dispose());
    }

    [Fact]
    public void A_page_size_below_one_is_refused_naming_it() =>
        Assert.Equal("pageSize", Assert.Throws<ArgumentOutOfRangeException>(() => _queries.ExportPages(ComplaintFilter.All, null, true, pageSize: 0)).ParamName);
}
