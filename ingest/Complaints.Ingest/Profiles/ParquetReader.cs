using Complaints.Ingest.Loading;
using DuckDB.NET.Data;

namespace Complaints.Ingest.Profiles;

/// <summary>Parquet, read by DuckDB's own reader on a private in-memory database; a record's "line" is its row number.</summary>
public sealed class ParquetReader : ISourceReader
{
    private readonly string _path;

    private ParquetReader(string path, IReadOnlyCollection<string> columns) => (_path, Columns) = (path, columns);

    public IReadOnlyCollection<string> Columns { get; }

    public static ParquetReader Open(string path)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM parquet_schema($path) WHERE num_children IS NULL OR num_children = 0";
        command.Parameters.Add(new DuckDBParameter("path", path));
        var columns = new List<string>();
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read()) columns.Add(reader.GetString(0));
        }
        catch (DuckDBException e)
        {
            throw new FileRejectedException($"{Path.GetFileName(path)}: not a readable Parquet file ({e.Message.Split('\n')[0]}).");
        }
        return new ParquetReader(path, columns);
    }

    public IEnumerable<SourceRecord> Records()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM read_parquet($path)";
        command.Parameters.Add(new DuckDBParameter("path", _path));
        using var reader = command.ExecuteReader();
        long row = 0;
        while (reader.Read())
        {
            var values = new Dictionary<string, string>(reader.FieldCount, StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
                values.TryAdd(reader.GetName(i), SourceValues.Text(reader.IsDBNull(i) ? null : reader.GetValue(i)));
            yield return new SourceRecord(++row, values);
        }
    }

    private static DuckDBConnection Connect()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var zone = connection.CreateCommand();
        zone.CommandText = "SET TimeZone = 'UTC'";
        zone.ExecuteNonQuery();
        return connection;
    }
}
