using System.Text;
using Complaints.Reports.AuditReports;
using DuckDB.NET.Data;

namespace Complaints.Reports.Tests.AuditReports;

/// <summary>The canonical text the content digest hashes: two different rows never give the same text.</summary>
public sealed class CanonicalRowsTests : IDisposable
{
    private readonly DuckDBConnection _duck = new("Data Source=:memory:");

    public CanonicalRowsTests() => _duck.Open();

    public void Dispose() => _duck.Dispose();

    private (string Header, List<string> Rows) Texts(string rows)
    {
        using var command = _duck.CreateCommand();
        var canonical = CanonicalRows.Of(command, rows);
        command.CommandText = $"SELECT {canonical.Projection} FROM (\n{rows}\n) t";
        using var reader = command.ExecuteReader();
        var texts = new List<string>();
        while (reader.Read())
        {
            using var bytes = new MemoryStream();
            reader.GetStream(0).CopyTo(bytes);
            texts.Add(Encoding.UTF8.GetString(bytes.ToArray()));
        }
        return (canonical.Header, texts);
    }

    [Fact]
    public void Separators_inside_text_nulls_and_empty_text_cannot_be_mistaken_for_one_another()
    {
        var (header, rows) = Texts("""
            SELECT * FROM (VALUES (1, 'a,b', 'c'), (2, 'a', 'b,c'), (3, NULL, ''), (4, '', NULL), (5, '\N', NULL), (6, 'a\nb', 'ż'), (7, '1:a', NULL), (8, NULL, NULL))
                v(n, x, y) ORDER BY n
            """);

        Assert.Equal("n INTEGER,x VARCHAR,y VARCHAR\n", header);
        Assert.Equal(["1,3:a,b,1:c", "2,1:a,3:b,c", "3,\\N,0:", "4,0:,\\N", "5,2:\\N,\\N", "6,4:a\\nb,2:ż", "7,3:1:a,\\N", "8,\\N,\\N"], rows);
        Assert.Equal(rows.Count, rows.Distinct().Count());
    }

    [Fact]
    public void Times_and_dates_count_from_1970_numbers_and_flags_are_DuckDBs_text_and_a_type_without_one_is_refused_by_name()
    {
        var (header, rows) = Texts("""
            SELECT TIMESTAMP '2024-01-01 00:30:00' AS received, DATE '2024-01-24' AS deadline, CAST(12 AS BIGINT) AS days, CAST(1.5 AS DOUBLE) AS hours,
                   true AS accepted, CAST(NULL AS TIMESTAMP) AS closed
            """);

        Assert.Equal("received TIMESTAMP,deadline DATE,days BIGINT,hours DOUBLE,accepted BOOLEAN,closed TIMESTAMP\n", header);
        // 2024-01-01 00:30 is 1,704,069,000 s after 1970-01-01 00:00; 2024-01-24 is day 19,746.
        Assert.Equal(["1704069000000000,19746,12,1.5,true,\\N"], rows);

        // An instant counts from 1970-01-01 00:00 UTC, whatever zone it was written in; its header names its type.
        var (instantHeader, instants) = Texts("SELECT TIMESTAMPTZ '2024-01-01 01:30:00+01' AS received");
        Assert.Equal("received TIMESTAMPTZ\n", instantHeader);
        Assert.Equal(["1704069000000000"], instants);

        using var command = _duck.CreateCommand();
        var refused = Assert.Throws<InvalidOperationException>(() => CanonicalRows.Of(command, "SELECT [1, 2] AS ids"));
        Assert.Contains("'ids'", refused.Message);
    }
}
