namespace Complaints.Ingest.Loading;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<LoadStatus>))]
public enum LoadStatus { Loaded, Unchanged, Rejected }

/// <summary>One bad row: where it is in the file and why it was set aside.</summary>
public sealed record RowProblem(long Line, string? Column, string Reason);

/// <summary>
/// What became of one file. A loaded file may have set bad rows aside in quarantine; a rejected file stored nothing
/// but its run record and its problems, and <see cref="Error"/> names file, line and field.
/// </summary>
public sealed record LoadResult(
    long RunId, string Feed, string FileName, LoadStatus Status,
    long RowsRead, long RowsInserted, long RowsUpdated, long RowsUnchanged, string? Error,
    long RowsQuarantined = 0, IReadOnlyList<RowProblem>? FirstProblems = null);

/// <summary>A problem that rejects a whole file.</summary>
public sealed class FileRejectedException(string message) : Exception(message);
