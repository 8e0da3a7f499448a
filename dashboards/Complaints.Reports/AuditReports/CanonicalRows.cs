using DuckDB.NET.Data;

namespace Complaints.Reports.AuditReports;

/// <summary>
/// The canonical text of a sheet's rows, which the content digest hashes: DuckDB builds it in its own threads, in one
/// <c>concat</c> per row, and .NET reads it as bytes. A row is its values in column order, separated by commas (the line
/// feed that ends each row is added by the reader). A text value is its length in UTF-8 bytes, a colon, then the text, so
/// commas and line feeds inside it cannot be mistaken for separators; a timestamp is its microseconds since
/// 1970-01-01 00:00 (an instant, TIMESTAMPTZ, since 1970-01-01 00:00 UTC, so the digest does not depend on the zone the
/// report shows times in) and a date its days since 1970-01-01 (integers: formatting them as text cost more than the hashing);
/// a number or a boolean is DuckDB's text of it; none of these holds a comma or a line feed. A null is <c>\N</c>, which no
/// value's text equals. Two different rows of a sheet therefore never give the same text. The sheet's header line (each
/// column's name and type) goes first, so the same values under other columns, or of another type, differ too.
/// </summary>
public sealed class CanonicalRows
{
    public const string NullMark = "\\N";

    private static readonly HashSet<Type> Plain = [typeof(long), typeof(int), typeof(short), typeof(double), typeof(bool), typeof(decimal)];

    private CanonicalRows(string header, string projection)
    {
        Header = header;
        Projection = projection;
    }

    /// <summary>The sheet's header line: <c>name type</c> per column, comma-separated, ending in a line feed.</summary>
    public string Header { get; }

    /// <summary>A SQL expression over the sheet's rows aliased <c>t</c> giving each row's canonical text as a BLOB.</summary>
    public string Projection { get; }

    /// <summary>Reads the columns of <paramref name="rows"/> (the sheet's query, its parameters bound on <paramref name="command"/>) without running it.</summary>
    public static CanonicalRows Of(DuckDBCommand command, string rows)
    {
        command.CommandText = $"SELECT * FROM (\n{rows}\n) t LIMIT 0";
        using var reader = command.ExecuteReader();
        var header = new List<string>();
        var values = new List<string>();
        for (var c = 0; c < reader.FieldCount; c++)
        {
            var (name, type) = (reader.GetName(c), reader.GetFieldType(c));
            var column = $"t.\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            header.Add($"{name} {reader.GetDataTypeName(c).ToUpperInvariant()}");
            values.Add(type == typeof(string) ? $"coalesce(CAST(strlen({column}) AS VARCHAR) || ':' || {column}, '{NullMark}')"
                : type == typeof(DateTime) ? $"coalesce(CAST(epoch_us({column}) AS VARCHAR), '{NullMark}')"
                : type == typeof(DateOnly) ? $"coalesce(CAST({column} - DATE '1970-01-01' AS VARCHAR), '{NullMark}')"
                : Plain.Contains(type) ? $"coalesce(CAST({column} AS VARCHAR), '{NullMark}')"
                : throw new InvalidOperationException(
                    $"Column '{name}' is of type {reader.GetDataTypeName(c)}, which the content digest has no unambiguous text for: give it a plain type in the sheet's SQL."));
        }
        return new CanonicalRows(string.Join(",", header) + "\n", "encode(concat(" + string.Join(", ',', ", values) + "))");
    }
}
