using System.IO.Compression;
using System.Text;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Ingest.Profiles;
using Complaints.Testing;
using Complaints.Warehouse;

namespace Complaints.Ingest.Tests.Loading;

/// <summary>
/// The bad-file corpus, each case with its outcome. Cases covered elsewhere: unclosed quote, BOM, empty file, header only,
/// impossible dates, decimal commas, negative and out-of-range scores (QuarantineTests); duplicate ids and resolution
/// before receipt (CanonicalFileLoaderTests); Polish decimal commas and Windows-1250 through a profile (ProfiledLoadingTests).
/// </summary>
public sealed partial class BadFileCorpusTests : IAsyncLifetime
{
    private TempWarehouse _warehouse = null!;
    private CanonicalFileLoader _loader = null!;

    static BadFileCorpusTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync();
        _loader = _warehouse.Loader();
    }

    public Task DisposeAsync()
    {
        _warehouse.Dispose();
        return Task.CompletedTask;
    }

    private static Dictionary<string, string> Complaint(string id, string description = "") => new()
    {
        ["source"] = "crm", ["external_id"] = id, ["updated_at"] = "2024-02-01T09:00:00+01:00", ["received_at"] = "2024-02-01T09:00:00+01:00",
        ["status"] = "new", ["product_sku"] = "HA-0001", ["description"] = description,
    };

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_warehouse.Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Nothing of a rejected file is stored but its run: no complaints, no customers.</summary>
    private void AssertWarehouseHoldsOnlyTheRejectedRun()
    {
        Assert.Equal(0, _warehouse.Count("complaints") + _warehouse.Count("customers") + _warehouse.Count("complaint_versions"));
        using var connection = _warehouse.Database.OpenConnection();
        Assert.Equal("rejected", connection.Scalar<string>("SELECT string_agg(status, ',') FROM ingest_runs"));
    }

    [Fact]
    public async Task A_one_megabyte_description_loads_and_is_stored_intact()
    {
        // Commas, quotes, line breaks and Polish letters all the way through; values are trimmed, so it ends in a letter.
        const string Unit = "Pralka cieknie, \"bęben\" stuka;\nżółć i gęślą jaźń. ";
        var text = string.Concat(Enumerable.Repeat(Unit, (1 << 20) / Encoding.UTF8.GetByteCount(Unit) + 1)) + "koniec";
        Assert.True(Encoding.UTF8.GetByteCount(text) > 1 << 20);

        var result = await _loader.LoadAsync(_warehouse.WriteFile("long.csv", CanonicalCsv.Write(FeedLayouts.Complaints, Complaint("C1", text), Complaint("C2", "short"))), FeedLayouts.Complaints);

        Assert.Equal((LoadStatus.Loaded, 2L, 0L), (result.Status, result.RowsInserted, result.RowsQuarantined));
        using var connection = _warehouse.Database.OpenConnection();
        Assert.Equal(text, connection.Scalar<string>("SELECT description FROM complaints WHERE external_id = 'C1'"));
    }

    [Fact]
    public async Task An_xlsx_workbook_named_csv_is_rejected_as_a_zip_archive()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = new StreamWriter(archive.CreateEntry("xl/workbook.xml").Open()))
            entry.Write("<workbook/>");

        var result = await _loader.LoadAsync(WriteBytes("complaints.csv", zip.ToArray()), FeedLayouts.Complaints);

        Assert.Equal(LoadStatus.Rejected, result.Status);
        Assert.StartsWith("complaints.csv: this is not CSV text: its content is a ZIP archive (an .xlsx workbook or .docx document is one), whatever its name says.", result.Error);
        AssertWarehouseHoldsOnlyTheRejectedRun();
    }

    [Fact]
    public async Task A_pdf_named_csv_is_rejected_as_a_pdf()
    {
        var result = await _loader.LoadAsync(WriteBytes("complaints.csv", Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")), FeedLayouts.Complaints);

        Assert.Equal(LoadStatus.Rejected, result.Status);
        Assert.Contains("its content is a PDF document, whatever its name says", result.Error);
        AssertWarehouseHoldsOnlyTheRejectedRun();
    }

    [Fact]
    public async Task Windows_1250_text_in_a_canonical_file_is_rejected_naming_the_line_and_pointing_at_profiles()
    {
        var csv = CanonicalCsv.Write(FeedLayouts.Complaints, Complaint("C1", "plain"), Complaint("C2", "Pralka cieknie, żółć"));

        var result = await _loader.LoadAsync(WriteBytes("cp1250.csv", Encoding.GetEncoding("windows-1250").GetBytes(csv)), FeedLayouts.Complaints);

        Assert.Equal(LoadStatus.Rejected, result.Status);
        Assert.StartsWith("cp1250.csv: line 3: the file is not valid UTF-8, as canonical files must be; read as Windows-1250 the text there is '", result.Error);
        Assert.Contains("żółć", result.Error);
        Assert.Contains("mapping profile whose format.encoding names its encoding", result.Error);
        AssertWarehouseHoldsOnlyTheRejectedRun();
    }

    [Fact]
    public async Task A_semicolon_delimited_file_is_rejected_at_its_header()
    {
        var csv = CanonicalCsv.Write(FeedLayouts.Complaints, Complaint("C1")).Replace(',', ';');

        var result = await _loader.LoadAsync(_warehouse.WriteFile("semicolons.csv", csv), FeedLayouts.Complaints);

        Assert.Equal(LoadStatus.Rejected, result.Status);
        Assert.Equal("semicolons.csv: line 1: columns are separated by ';'; canonical files use ','. Convert the file or load it through a mapping profile.", result.Error);
        AssertWarehouseHoldsOnlyTheRejectedRun();
    }

    [Fact]
    public async Task Valid_UTF8_across_the_checks_chunk_boundaries_is_accepted()
    {
        // Two-byte letters straddle the 1 MiB chunk boundary wherever it falls.
        var description = new string('ż', 700_000);

        var result = await _loader.LoadAsync(_warehouse.WriteFile("boundary.csv", CanonicalCsv.Write(FeedLayouts.Complaints, Complaint("C1", description))), FeedLayouts.Complaints);

        Assert.Equal((LoadStatus.Loaded, 1L), (result.Status, result.RowsInserted));
    }

    private const string CfpbHeader = "Complaint ID,Product,Sub-product,Issue,Sub-issue,State,ZIP code,Submitted via,Date received,Date sent to company,Company,Company response,Timely response?,Consumer disputed?\n";

    private static string CfpbRow(int id, string extra = "") =>
        $"{id},Mortgage,Other mortgage,Loan servicing,,NY,10001,Web,10/14/2014,10/15/2014,Example Bank,Closed with explanation,Yes,{extra}\n";

    [Fact]
    public async Task A_row_with_more_fields_than_the_header_is_quarantined_through_a_profile_saying_so()
    {
        var rows = new StringBuilder(CfpbHeader);
        for (var i = 1; i <= 40; i++)
            rows.Append(CfpbRow(i, i == 7 ? "No,extra,shifted,by,an,unquoted,comma" : ""));
        var profile = MappingProfile.Read(ProfiledFileLoader.FindShipped("cfpb-complaints")!);

        var result = await new ProfiledFileLoader(_loader).LoadAsync(_warehouse.WriteFile("shifted.csv", rows.ToString()), profile);

        Assert.Equal((LoadStatus.Loaded, 39L, 1L), (result.Status, result.RowsInserted, result.RowsQuarantined));
        // Header on line 1, record 7 on line 8.
        Assert.Equal(new RowProblem(8, null, "20 fields where the header has 14"), Assert.Single(result.FirstProblems!));
        using var connection = _warehouse.Database.OpenConnection();
        Assert.Equal(("shifted.csv", 8L, (string?)null, "20 fields where the header has 14"), connection.QueryList("SELECT file_name, line, column_name, reason FROM quarantine",
            r => (r.GetString(0), r.GetInt64(1), r.NullableString(2), r.GetString(3))).Single());
        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM complaints WHERE external_id = '7'"));
    }

    [Fact]
    public async Task A_canonical_row_with_more_fields_than_the_header_is_quarantined_saying_so()
    {
        var good = Enumerable.Range(1, 40).Select(i => Complaint($"C{i}")).ToArray();
        var lines = CanonicalCsv.Write(FeedLayouts.Complaints, good).Split('\n').ToList();
        lines[5] += ",one,two"; // record C5 on line 6
        var columns = FeedLayouts.Complaints.Columns.Count;

        var result = await _loader.LoadAsync(_warehouse.WriteFile("extra.csv", string.Join('\n', lines)), FeedLayouts.Complaints);

        Assert.Equal((LoadStatus.Loaded, 39L, 1L), (result.Status, result.RowsInserted, result.RowsQuarantined));
        var problem = Assert.Single(result.FirstProblems!);
        Assert.Equal((6L, $"{columns + 2} fields where the header has {columns}"), (problem.Line, problem.Reason));
    }

    [Fact]
    public async Task Re_delivered_CFPB_rows_with_the_same_date_but_another_company_response_are_conflicts_and_the_stored_version_stays()
    {
        // 200 rows of the real CFPB export (one record per line), then the same 200 again with every second row's company response changed.
        var lines = File.ReadLines(Path.Combine(Repository.Root, "tests", "data", "cfpb", "consumer_complaints_2014.csv")).Take(201).ToList();
        static string Changed(string line) => CompanyResponse().Replace(line, m =>
            $",{(m.Groups["response"].Value == "In progress" ? "Closed with explanation" : "In progress")},{m.Groups["timely"].Value},", 1);
        var redelivered = lines.Take(1).Concat(lines.Skip(1).Select((l, i) => i % 2 == 0 ? Changed(l) : l)).ToList();
        Assert.Equal(100, redelivered.Skip(1).Where((l, i) => l != lines[i + 1]).Count());
        var profile = MappingProfile.Read(ProfiledFileLoader.FindShipped("cfpb-complaints")!);
        var loader = new ProfiledFileLoader(_loader);
        await loader.LoadAsync(_warehouse.WriteFile("first.csv", string.Join('\n', lines) + "\n"), profile);
        using var connection = _warehouse.Database.OpenConnection();
        var decisionsBefore = connection.QueryList("SELECT external_id, decision FROM complaints ORDER BY external_id", r => (r.GetString(0), r.NullableString(1)));

        var result = await loader.LoadAsync(_warehouse.WriteFile("again.csv", string.Join('\n', redelivered) + "\n"), profile);

        Assert.Equal((LoadStatus.Loaded, 200L, 0L, 0L, 100L, 100L), (result.Status, result.RowsRead, result.RowsInserted, result.RowsUpdated, result.RowsUnchanged, result.RowsConflicting));
        Assert.Equal(decisionsBefore, connection.QueryList("SELECT external_id, decision FROM complaints ORDER BY external_id", r => (r.GetString(0), r.NullableString(1))));
        var conflicts = new Complaints.Warehouse.Ingest.IngestRunQueries(_warehouse.Database).Conflicts(result.RunId);
        Assert.Equal(100, conflicts.Select(c => c.Key).Distinct().Count());
        Assert.All(conflicts, c => Assert.Contains(c.Field, new[] { "status", "decision" }));
        // The first data row (line 2) was changed: its conflict names the line, the stored value kept and the one not applied.
        var first = lines[1].Split(',')[0];
        Assert.Contains(conflicts, c => c.Key == $"cfpb/{first}" && c.Line == 2 && c.Field == "decision");
        Assert.Equal(100L, new Complaints.Warehouse.Ingest.IngestRunQueries(_warehouse.Database).Find(result.RunId)!.RowsConflicting);
        Assert.Equal(result.FirstConflicts, conflicts.Take(CanonicalFileLoader.FirstConflictsShown));
    }

    [Fact]
    public async Task A_canonical_record_with_the_same_updated_at_and_other_values_is_a_conflict_naming_both_values()
    {
        await _loader.LoadAsync(_warehouse.WriteFile("v1.csv", CanonicalCsv.Write(FeedLayouts.Complaints, Complaint("C1", "pralka cieknie"), Complaint("C2"))), FeedLayouts.Complaints);

        var same = Complaint("C1", "pralka cieknie");
        same["status"] = "resolved";
        var result = await _loader.LoadAsync(_warehouse.WriteFile("v1-again.csv", CanonicalCsv.Write(FeedLayouts.Complaints, same, Complaint("C2"))), FeedLayouts.Complaints);

        Assert.Equal((1L, 1L, 0L), (result.RowsConflicting, result.RowsUnchanged, result.RowsUpdated));
        var conflict = Assert.Single(result.FirstConflicts!);
        Assert.Equal(("crm/C1", 2L, "status", "new", "resolved"), (conflict.Key, conflict.Line, conflict.Field, conflict.StoredValue, conflict.DeliveredValue));
        using var connection = _warehouse.Database.OpenConnection();
        Assert.Equal("new", connection.Scalar<string>("SELECT status FROM complaints WHERE external_id = 'C1'"));
    }

    // The company response is followed by "Timely response?" (Yes/No); company names before it may hold commas.
    [System.Text.RegularExpressions.GeneratedRegex(",(?<response>In progress|Closed[^,]*|Untimely response),(?<timely>Yes|No),")]
    private static partial System.Text.RegularExpressions.Regex CompanyResponse();
}
