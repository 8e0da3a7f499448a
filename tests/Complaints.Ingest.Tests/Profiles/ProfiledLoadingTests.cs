using System.Text;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Ingest.Profiles;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Overview;
using Microsoft.Extensions.Options;

namespace Complaints.Ingest.Tests.Profiles;

/// <summary>Files in their sources' own layouts load through mapping profiles into a real warehouse.</summary>
public sealed class ProfiledLoadingTests : IAsyncLifetime
{
    private static readonly string CfpbFile = Path.Combine(Repository.Root, "tests", "data", "cfpb", "consumer_complaints_2014.csv");
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "Profiles", "Samples");

    private TempWarehouse _warehouse = null!;
    private ProfiledFileLoader _loader = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync();
        _loader = new ProfiledFileLoader(_warehouse.Loader());
    }

    public Task DisposeAsync()
    {
        _warehouse.Dispose();
        return Task.CompletedTask;
    }

    private static MappingProfile Shipped(string name) => MappingProfile.Read(ProfiledFileLoader.FindShipped(name) ?? throw new FileNotFoundException(name));

    private MappingProfile ProfileFromJson(string name, string json) => MappingProfile.Read(_warehouse.WriteFile(name + ".json", json));

    [Fact]
    public async Task The_CFPB_export_loads_whole_and_its_complaints_per_product_equal_a_plain_count_over_the_CSV()
    {

        var result = await _loader.LoadAsync(CfpbFile, Shipped("cfpb-complaints"));

        // Counted straight from the CSV by DuckDB's own reader, with the slug written out in SQL: no mapping code involved.
        using var connection = _warehouse.Database.OpenConnection();
        var expected = connection.QueryList("""
            WITH raw AS (SELECT * FROM read_csv($path, header = true, all_varchar = true, null_padding = true, quote = '"', escape = '"')),
                 slugged AS (SELECT trim(regexp_replace(lower("Product"), '[^a-z0-9]+', '-', 'g'), '-')
                                    || coalesce('/' || nullif(trim(regexp_replace(lower("Sub-product"), '[^a-z0-9]+', '-', 'g'), '-'), ''), '') AS sku
                             FROM raw)
            SELECT sku, count(*) FROM slugged GROUP BY sku ORDER BY sku
            """, r => (Sku: r.GetString(0), Count: r.GetInt64(1)), ("path", CfpbFile));
        var overview = new OverviewQueries(_warehouse.Database, Options.Create(new ReportingOptions())).ComplaintsPerProduct(new ComplaintFilter());

        Assert.Equal(LoadStatus.Loaded, result.Status);
        var rows = expected.Sum(e => e.Count);
        Assert.True(rows > 8000, $"the export has {rows} rows"); // the whole file was read, not a first block
        Assert.Equal((rows, rows, 0L), (result.RowsRead, result.RowsInserted, result.RowsQuarantined));
        Assert.Equal(expected, overview.Select(p => (p.Sku, p.Complaints)).OrderBy(p => p.Sku, StringComparer.Ordinal).ToList());
        Assert.Equal("consumer_complaints_2014.csv", connection.Scalar<string>("SELECT file_name FROM ingest_runs WHERE run_id = $id", ("id", result.RunId)));
    }

    [Fact]
    public async Task CFPB_values_are_mapped_to_canonical_codes_and_US_dates_become_New_York_midnight()
    {

        await _loader.LoadAsync(CfpbFile, Shipped("cfpb-complaints"));

        using var connection = _warehouse.Database.OpenConnection();
        connection.Execute("SET TimeZone = 'UTC'");
        // 1114488: Web, 11/13/2014, "Expert Global Solutions, Inc.", In progress.
        var row = connection.QueryList("""
            SELECT channel, status, decision, strftime(received_at, '%Y-%m-%dT%H:%M'), team, product_sku, defect_category
            FROM complaints WHERE source = 'cfpb' AND external_id = '1114488'
            """, r => (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6))).Single();
        Assert.Equal(("web_form", "in_progress", (string?)null, "2014-11-13T05:00", "Expert Global Solutions, Inc.", "debt-collection/medical", "disclosure-verification-of-debt"), row);
        // Counted straight from the CSV by DuckDB's own reader: no mapping code involved.
        var (inProgress, byPost) = connection.QueryList("""
            SELECT count(*) FILTER (WHERE "Company response" = 'In progress'), count(*) FILTER (WHERE "Submitted via" = 'Postal mail')
            FROM read_csv($path, header = true, all_varchar = true, null_padding = true, quote = '"', escape = '"')
            """, r => (r.GetInt64(0), r.GetInt64(1)), ("path", CfpbFile)).Single();
        Assert.True(inProgress > 0 && byPost > 0);
        Assert.Equal(inProgress, connection.Scalar<long>("SELECT count(*) FROM complaints WHERE status = 'in_progress'"));
        Assert.Equal(byPost, connection.Scalar<long>("SELECT count(*) FROM complaints WHERE channel = 'letter'"));
    }

    [Fact]
    public async Task CFPB_complaints_closed_without_a_date_have_an_unknown_statutory_outcome_and_the_ending_statuses_are_configuration()
    {
        await _loader.LoadAsync(CfpbFile, Shipped("cfpb-complaints"));

        using var connection = _warehouse.Database.OpenConnection();
        var (rows, closed) = connection.QueryList("SELECT count(*), count(*) FILTER (WHERE status = 'closed') FROM complaints", r => (r.GetInt64(0), r.GetInt64(1))).Single();
        var outcomes = connection.QueryList("""
            SELECT s.statutory_outcome, count(*) FROM complaint_sla s JOIN complaints c USING (complaint_key)
            WHERE c.status = 'closed' GROUP BY ALL
            """, r => (r.NullableString(0), r.GetInt64(1)));
        OverviewQueries Overview(string endingStatuses) =>
            new(_warehouse.Database, Options.Create(new ReportingOptions { EndingStatuses = endingStatuses }));

        Assert.Equal([("unknown", closed)], outcomes);
        Assert.Equal(rows - closed, Overview(ReportingOptions.DefaultEndingStatuses).Kpis(ComplaintFilter.All).Current.StillOpen);
        // A source whose cases end in "closed" only when configured so: without it, every complaint is still open.
        var withoutClosed = Overview("resolved, rejected").Totals(ComplaintFilter.All);
        Assert.Equal((rows, 0L), (withoutClosed.Open, withoutClosed.ClosedTimeUnknown));
    }

    [Fact]
    public async Task A_Polish_Windows_1250_export_with_title_lines_loads_with_its_Polish_text_and_codes()
    {
        var result = await _loader.LoadAsync(Path.Combine(Samples, "polish-tickets.csv"), Shipped("polish-ticket-system"));

        Assert.Equal(LoadStatus.Loaded, result.Status);
        Assert.Equal((3L, 3L, 0L), (result.RowsRead, result.RowsInserted, result.RowsQuarantined));
        using var connection = _warehouse.Database.OpenConnection();
        connection.Execute("SET TimeZone = 'UTC'");
        var first = connection.QueryList("""
            SELECT status, priority, channel, customer_expectation, description, strftime(received_at, '%Y-%m-%dT%H:%M'), quantity
            FROM complaints WHERE source = 'pl-ticketing' AND external_id = 'REK/2025/001'
            """, r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt32(6))).Single();
        Assert.Equal(("resolved", "high", "email", "repair", "Pralka cieknie; woda pod bębnem.\nProszę o szybką naprawę.", "2025-02-03T08:15", 1), first);
        Assert.Equal(["new", "in_progress"], connection.QueryList("SELECT status FROM complaints WHERE external_id <> 'REK/2025/001' ORDER BY external_id", r => r.GetString(0)));
        Assert.Equal("LODÓWKA-300", connection.Scalar<string>("SELECT product_sku FROM complaints WHERE external_id = 'REK/2025/002'"));
        Assert.Equal(["Małgorzata Śliwińska", "Zażółć Gęślą Jaźń Sp. z o.o.", "Łukasz Żółkiewski"],
            connection.QueryList("SELECT name FROM customer_personal", r => r.GetString(0)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Polish_amounts_with_a_decimal_comma_and_thousands_space_load_as_amounts()
    {
        await _loader.LoadAsync(Path.Combine(Samples, "polish-tickets.csv"), Shipped("polish-ticket-system"));

        var result = await _loader.LoadAsync(Path.Combine(Samples, "polish-costs.csv"), Shipped("polish-erp-costs"));

        Assert.Equal((LoadStatus.Loaded, 2L, 0L), (result.Status, result.RowsInserted, result.RowsQuarantined));
        using var connection = _warehouse.Database.OpenConnection();
        Assert.Equal([(1234.50m, "PLN", "repair"), (45.00m, "PLN", "logistics")],
            connection.QueryList("SELECT amount, currency, cost_type FROM costs ORDER BY external_id", r => (r.GetDecimal(0), r.GetString(1), r.GetString(2))));
    }

    [Fact]
    public async Task An_amount_with_the_wrong_decimal_separator_is_quarantined_not_misread()
    {
        await _loader.LoadAsync(Path.Combine(Samples, "polish-tickets.csv"), Shipped("polish-ticket-system"));
        var profile = Shipped("polish-erp-costs");
        var rows = new StringBuilder("Nr dokumentu;Nr reklamacji;Rodzaj kosztu;Kwota;Waluta;Data księgowania\n");
        for (var i = 1; i <= 30; i++)
            rows.Append($"FK/{i};REK/2025/001;Naprawa;{(i == 7 ? "12.50" : "12,50")};PLN;12.02.2025\n");

        var result = await _loader.LoadAsync(_warehouse.WriteFile("koszty.csv", rows.ToString()), profile);

        Assert.Equal((LoadStatus.Loaded, 29L, 1L), (result.Status, result.RowsInserted, result.RowsQuarantined));
        Assert.Equal(new RowProblem(8, "Kwota", "'12.50' is not an amount with ',' as the decimal separator"), Assert.Single(result.FirstProblems!));
    }

    [Fact]
    public async Task A_file_missing_mapped_columns_is_rejected_up_front_as_a_run_naming_each_missing_column()
    {
        var file = _warehouse.WriteFile("export.csv", "Complaint ID,Product,Issue,Date received\n1,Mortgage,Other,01/02/2014\n");

        var result = await _loader.LoadAsync(file, Shipped("cfpb-complaints"));

        Assert.Equal((LoadStatus.Rejected, "export.csv"), (result.Status, result.FileName));
        Assert.Contains("does not fit profile cfpb-complaints", result.Error);
        foreach (var missing in new[] { "'Date sent to company'", "'Company response'", "'Submitted via'", "'Sub-product'", "'Company'" })
            Assert.Contains(missing, result.Error);
        Assert.DoesNotContain("'Issue'", result.Error);
        Assert.Equal(new[] { "Company", "Company response", "Date sent to company", "Sub-product", "Submitted via" }, result.Missing!.Order(StringComparer.Ordinal));
        var run = new Complaints.Warehouse.Ingest.IngestRunQueries(_warehouse.Database).Find(result.RunId)!;
        Assert.Equal("rejected", run.Status);
        Assert.Equal(result.Missing, run.Missing);
        Assert.Equal(0, _warehouse.Count("complaints"));
    }

    [Fact]
    public async Task A_date_that_does_not_fit_the_profile_is_quarantined_with_the_source_line_and_column()
    {
        // Title line, header on line 2; the bad record's description spans two lines, so record 3 starts on line 6.
        const string Header = "Nr reklamacji;Data przyjęcia;Data modyfikacji;Data rozpatrzenia;Status;Priorytet;Kanał;Indeks produktu;Ilość;Przyczyna;Opis;Żądanie klienta;Klient;Kraj\n";
        var rows = new StringBuilder("Eksport\n" + Header);
        for (var i = 1; i <= 40; i++)
            rows.Append(i switch
            {
                2 => $"R{i};03.02.2025 09:15;03.02.2025 09:15;;Przyjęta;;;SKU-1;;;\"dwie\nlinie\";;;\n",
                3 => $"R{i};2025-02-03;03.02.2025 09:15;;Przyjęta;;;SKU-1;;;zła data;;;\n",
                _ => $"R{i};03.02.2025 09:15;03.02.2025 09:15;;Przyjęta;;;SKU-1;;;ok;;;\n",
            });
        var file = _warehouse.WriteFile("zgloszenia.csv", rows.ToString());

        var result = await _loader.LoadAsync(file, Shipped("polish-ticket-system"));

        Assert.Equal((LoadStatus.Loaded, 39L, 1L), (result.Status, result.RowsInserted, result.RowsQuarantined));
        Assert.Equal(new RowProblem(6, "Data przyjęcia", "'2025-02-03' does not match the date format dd.MM.yyyy HH:mm or dd.MM.yyyy"), Assert.Single(result.FirstProblems!));
        using var connection = _warehouse.Database.OpenConnection();
        Assert.Equal(("zgloszenia.csv", 6L, "Data przyjęcia"), connection.QueryList("SELECT file_name, line, column_name FROM quarantine",
            r => (r.GetString(0), r.GetInt64(1), r.GetString(2))).Single());
    }

    [Fact]
    public async Task A_derived_id_is_the_same_on_a_reload_so_the_reload_stores_nothing_new()
    {
        var profile = ProfileFromJson("survey-tool", """
            {
              "feed": "surveys", "source": "survey-tool", "format": { "type": "jsonl" },
              "timeZone": "Europe/Warsaw", "dateFormats": [ "iso", "yyyy-MM-dd HH:mm" ],
              "fields": {
                "external_id": { "hashOf": [ "ticket", "submitted" ], "prefix": "ST-" },
                "complaint_source": { "constant": "pl-ticketing" },
                "complaint_id": { "column": "ticket" },
                "answered_at": { "column": "submitted" },
                "updated_at": { "column": "submitted" },
                "csat": { "column": "stars" },
                "comment": { "column": "text" }
              }
            }
            """);
        const string Lines = """
            {"ticket": "REK/2025/001", "submitted": "2025-02-11 10:00", "stars": 5, "text": "Szybko i sprawnie"}
            {"ticket": "REK/2025/002", "submitted": "2025-02-20T12:00:00+01:00", "stars": 2, "text": null}
            """;
        var first = await _loader.LoadAsync(_warehouse.WriteFile("answers-1.jsonl", Lines), profile);
        var ids = ExternalIds();
        // The same answers re-exported in another file, in another order.
        var again = await _loader.LoadAsync(_warehouse.WriteFile("answers-2.jsonl", string.Join('\n', Lines.Split('\n').Reverse())), profile);

        Assert.Equal((LoadStatus.Loaded, 2L), (first.Status, first.RowsInserted));
        Assert.All(ids, id => Assert.Matches("^ST-[0-9a-f]{20}$", id));
        Assert.Equal((0L, 2L), (again.RowsInserted, again.RowsUnchanged));
        Assert.Equal(ids, ExternalIds());
    }

    private List<string> ExternalIds()
    {
        using var connection = _warehouse.Database.OpenConnection();
        return connection.QueryList("SELECT external_id FROM surveys ORDER BY external_id", r => r.GetString(0));
    }

    /// <summary>A complaints profile that maps every required field, to add a products section to.</summary>
    private const string ComplaintsProfile = """
        { "feed": "complaints", "source": "x", "dateFormats": ["iso"], "fields": { "external_id": { "column": "Id" }, "updated_at": { "column": "D" },
          "received_at": { "column": "D" }, "product_sku": { "column": "P", "slug": true }, "status": { "constant": "open" } }
        """;

    [Fact]
    public async Task A_complaints_profile_names_each_product_from_its_first_record_and_a_real_product_master_wins_later()
    {
        var profile = ProfileFromJson("named", ComplaintsProfile.TrimEnd().TrimEnd('}') + """
            }, "products": { "name": { "column": "P" }, "product_line": { "column": "L" }, "category": { "constant": "finance" } } }
            """);
        var file = _warehouse.WriteFile("named.csv", """
            Id,D,P,L
            1,2024-03-01T10:00:00Z,Credit card,Cards
            2,2024-03-02T10:00:00Z,Credit card,Cards
            3,2024-03-02T11:00:00Z,Student loan,Loans
            """);

        var first = await _loader.LoadAsync(file, profile);
        var again = await _loader.LoadAsync(file, profile);
        var perProduct = () => new OverviewQueries(_warehouse.Database, Options.Create(new ReportingOptions())).ComplaintsPerProduct(ComplaintFilter.All)
            .Select(p => (p.Sku, p.Name, p.ProductLine, p.Complaints)).OrderBy(p => p.Sku).ToList();

        Assert.Equal((LoadStatus.Loaded, 2L, 3L), (first.Products!.Status, first.Products.RowsInserted, first.RowsInserted));
        Assert.Equal((LoadStatus.Unchanged, LoadStatus.Unchanged), (again.Products!.Status, again.Status));
        Assert.Equal([("credit-card", "Credit card", "Cards", 2L), ("student-loan", "Student loan", "Loans", 1L)], perProduct());

        // The products feed's own master is newer than any a profile fills: it replaces the name, and a reload keeps it.
        await _warehouse.Loader().LoadAsync(_warehouse.WriteFile("products.csv", CanonicalCsv.Write(FeedLayouts.Products,
            new Dictionary<string, string> { ["sku"] = "credit-card", ["name"] = "Platinum card", ["product_line"] = "Cards", ["category"] = "finance", ["updated_at"] = "2024-01-01T00:00:00Z" })),
            FeedLayouts.Products);
        var third = await _loader.LoadAsync(file, profile);

        Assert.Equal(LoadStatus.Unchanged, third.Products!.Status);
        Assert.Equal("Platinum card", perProduct()[0].Name);
    }

    [Theory]
    [InlineData("""{ "feed": "complaint" }""", "$.feed: 'complaint' is not a feed")]
    [InlineData("""{ "feed": "complaints", "source": "x", "fields": { "status": { "column": "S" } } }""", "$.fields: required field(s) external_id, updated_at, received_at, product_sku are not mapped")]
    [InlineData("""{ "feed": "surveys", "source": "x", "fields": { "csat": { "column": "a", "constant": "5" } } }""", "$.fields.csat: give exactly one of column, columns, constant or hashOf")]
    [InlineData("""{ "feed": "surveys", "fields": { "score": { "column": "a" } } }""", "$.fields.score: 'score' is not a field of the surveys feed")]
    [InlineData("""{ "feed": "surveys", "timeZone": "Mars/Olympus" }""", "$.timeZone: 'Mars/Olympus' is not a known IANA time zone id")]
    [InlineData("""{ "feed": "surveys", "format": { "delimiter": "|" } }""", "$.format.delimiter: must be")]
    [InlineData("""{ "feed": "surveys", "fields": { "csat": { "colum": "a" } } }""", "$.fields.csat.colum")]
    [InlineData("""{ "feed": "surveys", "products": { "name": { "column": "a" } } }""", "$.products: only a complaints profile that maps product_sku")]
    [InlineData(ComplaintsProfile + """, "products": { "sku": { "column": "a" } } }""", "$.products.sku: set by the platform")]
    [InlineData(ComplaintsProfile + """, "products": { "name": { "column": "P" } } }""", "$.products: required field(s) product_line, category are not mapped")]
    public void A_bad_profile_is_refused_when_read_with_the_JSON_path_of_the_problem(string json, string expected)
    {
        var error = Assert.Throws<FileRejectedException>(() => ProfileFromJson("bad", json));

        Assert.Contains(expected, error.Message);
    }
}
