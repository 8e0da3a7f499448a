using System.Text;
using Bunit;
using Complaints.Dashboards.Components.Charts;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Dashboards.Tests.Components;

/// <summary>The table behind a chart and its CSV download (bUnit).</summary>
public sealed class ChartTableTests : IDisposable
{
    private readonly BunitContext _context = new();

    public ChartTableTests() => _context.Services.AddLocalization();

    public void Dispose() => _context.Dispose();

    private static FigureTable Costs() => FigureTable.Of(
        [("Kettle Aqua", "Home appliances", 1234.50m), ("=HYPERLINK(\"x\"), \"Duo\"", "Home appliances", -20m)],
        ["Product", "Product line", "Cost (PLN)"],
        c => [TableCell.Of(c.Item1), TableCell.Of(c.Item2), TableCell.Money(c.Item3, "PLN")]);

    [Fact]
    public void The_toggle_shows_every_row_as_the_page_formats_it()
    {
        using var _ = new CultureScope("pl-PL");

        var table = _context.Render<ChartTable>(p => p.Add(c => c.Name, "cost-per-product").Add(c => c.Table, Costs()));

        Assert.Equal("Pokaż jako tabelę", table.Find("details > summary").TextContent);
        var rows = table.FindAll("details table tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["Kettle Aqua", "Home appliances", "1\u00A0234,50 zł"], rows[0]);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["Product", "Product line", "Cost (PLN)"], table.FindAll("thead th").Select(th => th.TextContent));
        Assert.Equal("number", table.FindAll("thead th")[2].ClassName);
    }

    [Fact]
    public void The_download_holds_exactly_the_table_rows_with_invariant_numbers_and_formulas_neutralised()
    {
        using var _ = new CultureScope("pl-PL");

        var table = _context.Render<ChartTable>(p => p.Add(c => c.Name, "cost-per-product").Add(c => c.Table, Costs()));
        var link = table.Find("a.download");

        Assert.Equal("cost-per-product.csv", link.GetAttribute("download"));
        Assert.Equal("Pobierz dane (CSV)", link.TextContent);
        var csv = Download(link.GetAttribute("href")!);
        Assert.Equal(
            "Product,Product line,Cost (PLN)\n" +
            "Kettle Aqua,Home appliances,1234.50\n" +
            "\"'=HYPERLINK(\"\"x\"\"), \"\"Duo\"\"\",Home appliances,-20\n",
            csv);
    }

    [Fact]
    public void Dates_in_the_download_are_ISO_whatever_the_table_shows()
    {
        using var _ = new CultureScope("en-GB");
        var trend = FigureTable.Of([(new DateOnly(2024, 2, 1), 5L)], ["Month", "Complaints"],
            m => [new TableCell(m.Item1, "Feb 2024"), TableCell.Count(m.Item2, "/complaints?from=2024-02-01")]);

        var table = _context.Render<ChartTable>(p => p.Add(c => c.Name, "trend").Add(c => c.Table, trend));

        Assert.Equal("Month,Complaints\n2024-02-01,5\n", Download(table.Find("a.download").GetAttribute("href")!));
        Assert.Equal("/complaints?from=2024-02-01", table.Find("tbody td a").GetAttribute("href"));
    }

    /// <summary>The file a browser saves from the link's data: URL, decoded; it must start with a UTF-8 byte order mark.</summary>
    private static string Download(string href)
    {
        const string prefix = "data:text/csv;charset=utf-8;base64,";
        Assert.StartsWith(prefix, href);
        var bytes = Convert.FromBase64String(href[prefix.Length..]);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]);
    }
}
