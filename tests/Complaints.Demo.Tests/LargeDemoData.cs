using System.Globalization;
using System.Text.Json;
using Complaints.Demo;
using DuckDB.NET.Data;

namespace Complaints.Demo.Tests;

/// <summary>
/// A data set large enough for the planted signals to stand out of the noise reliably (80,000 complaints, two
/// years), read back through DuckDB: what a benchmark or a model would see.
/// </summary>
public sealed class LargeDemoData : IDisposable
{
    public static readonly DemoDataOptions Options = new(Complaints: 80_000, Seed: 42, LastDay: new DateOnly(2025, 10, 31));

    private readonly TempDirectory _directory = new();

    public LargeDemoData()
    {
        Files = new DemoDataGenerator().Write(_directory.Path, Options);
        GroundTruth = JsonDocument.Parse(File.ReadAllBytes(Files.GroundTruth));
        var lineOf = CsvTable.Read(Files.Products).Rows.ToDictionary(p => p["sku"], p => p["product_line"]);
        Complaints = ReadComplaints(Files.Complaints, lineOf);
    }

    public DemoDataFiles Files { get; }
    public JsonDocument GroundTruth { get; }
    public IReadOnlyList<Complaint> Complaints { get; }

    /// <param name="ReceivedDay">The Warsaw calendar day, as written in the file.</param>
    public sealed record Complaint(
        long Number, DateTimeOffset ReceivedAt, DateTimeOffset? AnsweredAt, DateOnly ReceivedDay, string Sku, string DefectCategory,
        string Channel, string Segment, string ProductLine, string Description);

    private static List<Complaint> ReadComplaints(string path, Dictionary<string, string> lineOf)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        // Every column as text, so instants and days are read exactly as written (offset included).
        command.CommandText = """
            SELECT external_id, received_at, answered_at, product_sku, defect_category, channel, customer_segment, description
            FROM read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')
            """;
        command.Parameters.Add(new DuckDBParameter("path", path));
        var complaints = new List<Complaint>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var received = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
            DateTimeOffset? answered = reader.IsDBNull(2) ? null : DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture);
            complaints.Add(new Complaint(
                long.Parse(reader.GetString(0)[2..], CultureInfo.InvariantCulture), received, answered,
                DateOnly.ParseExact(reader.GetString(1)[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), lineOf[reader.GetString(3)],
                reader.GetString(7)));
        }
        complaints.Sort((a, b) => a.Number.CompareTo(b.Number));
        return complaints;
    }

    public void Dispose()
    {
        GroundTruth.Dispose();
        _directory.Dispose();
    }
}
