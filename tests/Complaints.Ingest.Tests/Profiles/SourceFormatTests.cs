using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using ClosedXML.Excel;
using Complaints.Ingest.Loading;
using Complaints.Ingest.Profiles;
using Complaints.Testing;
using Complaints.Warehouse;

namespace Complaints.Ingest.Tests.Profiles;

/// <summary>The same two survey answers in each source format load to the same rows.</summary>
public sealed class SourceFormatTests : IAsyncLifetime
{
    private const string Comment = "Zażółć gęślą jaźń";
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

    private MappingProfile Profile(string format, string dateFormat = "dd.MM.yyyy HH:mm") => MappingProfile.Read(_warehouse.WriteFile($"survey-{Guid.NewGuid():N}.json", $$"""
        {
          "feed": "surveys", "source": "survey-tool", "format": {{format}},
          "timeZone": "Europe/Warsaw", "dateFormats": [ "{{dateFormat}}" ],
          "fields": {
            "external_id": { "column": "Id" },
            "complaint_source": { "constant": "pl-ticketing" },
            "complaint_id": { "column": "Reklamacja" },
            "answered_at": { "column": "Wysłano" },
            "updated_at": { "column": "Wysłano" },
            "csat": { "column": "Ocena" },
            "comment": { "column": "Komentarz" }
          }
        }
        """));

    private async Task AssertBothAnswersLoaded(string path, MappingProfile profile)
    {
        var result = await _loader.LoadAsync(path, profile);

        Assert.Equal((LoadStatus.Loaded, 2L, 0L), (result.Status, result.RowsInserted, result.RowsQuarantined));
        using var connection = _warehouse.Database.OpenConnection();
        connection.Execute("SET TimeZone = 'UTC'");
        Assert.Equal([("A1", "2025-02-11T09:00", 5, Comment), ("A2", "2025-07-01T10:30", 2, "krótko")],
            connection.QueryList("SELECT external_id, strftime(answered_at, '%Y-%m-%dT%H:%M'), csat, comment FROM surveys ORDER BY external_id",
                r => (r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3))));
    }

    private const string Header = "Id\tReklamacja\tWysłano\tOcena\tKomentarz";

    [Fact]
    public async Task Tab_separated_UTF8_with_a_byte_order_mark_is_detected_and_read()
    {
        var text = $"{Header}\nA1\tR1\t11.02.2025 10:00\t5\t{Comment}\nA2\tR2\t01.07.2025 12:30\t2\tkrótko\n";
        var path = Path.Combine(_warehouse.Directory, "answers.tsv");
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        await AssertBothAnswersLoaded(path, Profile("""{ "type": "csv" }"""));
    }

    [Fact]
    public async Task ISO_8859_2_text_with_semicolons_and_quoted_line_breaks_is_converted()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = $"Ankiety 2025\r\n\r\n{Header.Replace('\t', ';')}\r\nA1;R1;11.02.2025 10:00;5;\"{Comment}\"\r\nA2;R2;01.07.2025 12:30;2;krótko\r\n";
        var path = Path.Combine(_warehouse.Directory, "answers.csv");
        await File.WriteAllBytesAsync(path, Encoding.GetEncoding("iso-8859-2").GetBytes(text));

        await AssertBothAnswersLoaded(path, Profile("""{ "type": "csv", "encoding": "iso-8859-2" }"""));
    }

    [Fact]
    public async Task An_xlsx_sheet_named_in_the_profile_is_read_below_its_title_rows()
    {
        var path = Path.Combine(_warehouse.Directory, "answers.xlsx");
        using (var workbook = new XLWorkbook())
        {
            workbook.AddWorksheet("Notes").Cell(1, 1).Value = "not this one";
            var sheet = workbook.AddWorksheet("Ankiety");
            sheet.Cell(1, 1).Value = "Ankiety po reklamacji";
            var header = Header.Split('\t');
            for (var c = 0; c < header.Length; c++) sheet.Cell(3, c + 1).Value = header[c];
            object[][] rows = [["A1", "R1", new DateTime(2025, 2, 11, 10, 0, 0), 5, Comment], ["A2", "R2", new DateTime(2025, 7, 1, 12, 30, 0), 2, "krótko"]];
            for (var r = 0; r < rows.Length; r++)
                for (var c = 0; c < rows[r].Length; c++)
                    sheet.Cell(4 + r, c + 1).Value = rows[r][c];
            workbook.SaveAs(path);
        }

        await AssertBothAnswersLoaded(path, Profile("""{ "type": "xlsx", "sheet": "Ankiety" }""", "yyyy-MM-dd HH:mm:ss"));
    }

    [Fact]
    public async Task Parquet_is_read_through_DuckDB()
    {
        var path = Path.Combine(_warehouse.Directory, "answers.parquet");
        using (var connection = _warehouse.Database.OpenConnection())
            connection.Execute($"""
                COPY (SELECT * FROM (VALUES ('A1', 'R1', TIMESTAMP '2025-02-11 10:00:00', 5, '{Comment}'),
                                            ('A2', 'R2', TIMESTAMP '2025-07-01 12:30:00', 2, 'krótko'))
                      AS t("Id", "Reklamacja", "Wysłano", "Ocena", "Komentarz")) TO '{path}' (FORMAT parquet)
                """);

        await AssertBothAnswersLoaded(path, Profile("""{ "type": "parquet" }""", "yyyy-MM-dd HH:mm:ss"));
    }

    [Fact]
    public async Task Arrow_IPC_with_UTC_timestamps_is_read_with_Apache_Arrow()
    {
        var path = Path.Combine(_warehouse.Directory, "answers.arrow");
        var utc = new TimestampType(TimeUnit.Millisecond, "UTC");
        var batch = new RecordBatch.Builder()
            .Append("Id", false, c => c.String(a => a.Append("A1").Append("A2")))
            .Append("Reklamacja", false, c => c.String(a => a.Append("R1").Append("R2")))
            .Append("Wysłano", false, new TimestampArray.Builder(utc)
                .Append(new DateTimeOffset(2025, 2, 11, 9, 0, 0, TimeSpan.Zero)).Append(new DateTimeOffset(2025, 7, 1, 10, 30, 0, TimeSpan.Zero)).Build())
            .Append("Ocena", false, c => c.Int32(a => a.Append(5).Append(2)))
            .Append("Komentarz", false, c => c.String(a => a.Append(Comment).Append("krótko")))
            .Build();
        await using (var stream = File.Create(path))
        using (var writer = new ArrowFileWriter(stream, batch.Schema))
        {
            await writer.WriteRecordBatchAsync(batch);
            await writer.WriteEndAsync();
        }

        await AssertBothAnswersLoaded(path, Profile("""{ "type": "arrow" }""", "iso"));
    }

    [Fact]
    public async Task The_canonical_profile_loads_the_documented_sample_like_the_plain_loader()
    {
        var sample = Path.Combine(Repository.Root, "docs", "samples", "complaints.csv");
        var profile = MappingProfile.Read(ProfiledFileLoader.FindShipped("canonical-complaints")!);

        var result = await _loader.LoadAsync(sample, profile);

        Assert.Equal((LoadStatus.Loaded, 5L, 0L), (result.Status, result.RowsInserted, result.RowsQuarantined));
    }

    [Fact]
    public void Delimited_records_read_alike_wherever_the_reader_s_blocks_end()
    {
        // Records of varying length with quotes, doubled quotes, CR LF and bare LF inside fields; a first record of
        // growing length shifts where the reader's 64K blocks end, so they end at every place in a record.
        var random = new Random(7);
        var comments = Enumerable.Range(0, 1_500).Select(i => random.Next(4) switch
        {
            0 => new string('x', random.Next(0, 90)),
            1 => $"powiedział \"{new string('y', random.Next(0, 40))}\"; i tyle",
            2 => $"pierwsza linia\r\ndruga {i}\ntrzecia",
            _ => "",
        }).ToList();
        var profile = Profile("""{ "type": "csv", "delimiter": ";" }""");

        for (var shift = 0; shift < 160; shift++)
        {
            var expected = new List<(long Line, string Id, string Comment)>();
            var csv = new StringBuilder("Id;Reklamacja;Wysłano;Ocena;Komentarz\r\n");
            var line = 2L;
            foreach (var (comment, i) in comments.Prepend(new string('p', shift)).Select((c, i) => (c, i)))
            {
                var quoted = comment.Contains('"') || comment.Contains(';') || comment.Contains('\n');
                csv.Append($"A{i};C{i};01.02.2025 10:00;{1 + i % 5};")
                   .Append(quoted ? "\"" + comment.Replace("\"", "\"\"") + "\"" : comment).Append("\r\n");
                expected.Add((line, $"A{i}", comment));
                line += 1 + comment.Count(c => c == '\n');
            }
            var path = _warehouse.WriteFile($"blocks-{shift}.csv", csv.ToString());

            var records = SourceReaders.Open(path, profile).Records().Select(r => (r.Line, r.Values["Id"], r.Values["Komentarz"])).ToList();

            Assert.True(new FileInfo(path).Length > 65_536 + 200);
            Assert.Equal(expected, records);
        }
    }
}
