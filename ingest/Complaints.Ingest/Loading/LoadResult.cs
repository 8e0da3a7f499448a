namespace Complaints.Ingest.Loading;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<LoadStatus>))]
public enum LoadStatus { Loaded, Unchanged, Rejected }

/// <summary>What became of one file. A rejected file stored nothing but its run record; <see cref="Error"/> names file, line and field.</summary>
public sealed record LoadResult(
    long RunId, string Feed, string FileName, LoadStatus Status,
    long RowsRead, long RowsInserted, long RowsUpdated, long RowsUnchanged, string? Error);

/// <summary>A problem that rejects a whole file.</summary>
public sealed class FileRejectedException(string message) : Exception(message);
