using System.Collections.Concurrent;
using System.Data;
using System.Reflection;
using DuckDB.NET.Data;

namespace Complaints.Warehouse;

/// <summary>Small helpers over ADO.NET: embedded SQL files and bound parameters (never values spliced into SQL).</summary>
public static class Sql
{
    private static readonly ConcurrentDictionary<(Assembly, string), string> Cache = new();

    /// <summary>Reads an embedded .sql file by its path inside the project, dots for slashes (e.g. "Overview.OverviewQueries.sql").</summary>
    public static string Load(Assembly assembly, string relativeName) => Cache.GetOrAdd((assembly, relativeName), key =>
    {
        var (asm, name) = key;
        var resource = asm.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Embedded SQL '{name}' not found in {asm.GetName().Name}.");
        using var reader = new StreamReader(asm.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    });

    public static DuckDBCommand Command(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        return command;
    }

    public static int Execute(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static T? Scalar<T>(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static List<T> QueryList<T>(this DuckDBConnection connection, string sql, Func<IDataRecord, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(map(reader));
        return rows;
    }

    /// <summary>Rows of a query that narrows <c>complaints c</c> through its <c>/*filter*/</c> placeholder, with the filter's values bound.</summary>
    public static List<T> QueryFiltered<T>(this DuckDBConnection connection, string sql, ComplaintFilter filter, ReportingOptions reporting,
        Func<IDataRecord, T> map, params (string Name, object? Value)[] extra) =>
        connection.QueryList(sql.Replace("/*filter*/", filter.Predicate, StringComparison.Ordinal), map, [.. filter.Parameters(reporting), .. extra]);

    public static string? NullableString(this IDataRecord record, int ordinal) => record.IsDBNull(ordinal) ? null : record.GetString(ordinal);

    /// <summary>A TIMESTAMPTZ column as an instant (DuckDB.NET hands it over as a UTC DateTime).</summary>
    public static DateTimeOffset GetInstant(this IDataRecord record, int ordinal) => record.GetValue(ordinal) switch
    {
        DateTimeOffset o => o,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        var other => throw new InvalidCastException($"Column {record.GetName(ordinal)} holds {other.GetType().Name}, not a timestamp."),
    };

    public static double? NullableDouble(this IDataRecord record, int ordinal) => record.IsDBNull(ordinal) ? null : Convert.ToDouble(record.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
