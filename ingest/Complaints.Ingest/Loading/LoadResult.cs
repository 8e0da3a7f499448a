namespace Complaints.Ingest.Loading;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<LoadStatus>))]
public enum LoadStatus { Loaded, Unchanged, Rejected }

/// <summary>One bad row: where it is in the file and why it was set aside.</summary>
public sealed record RowProblem(long Line, string? Column, string Reason);

/// <summary>
/// What became of one file. A loaded file may have set bad rows aside in quarantine; a rejected file stored nothing
/// but its run record and its problems, and <see cref="Error"/> names file, line and field. <see cref="RowsConflicting"/>
/// records had the stored version's key and updated_at but other values: the stored version was kept
/// (<see cref="FirstConflicts"/> names the fields that differ). <see cref="Products"/> is the load of the product masters a
/// complaints profile filled from the same file (its <c>products</c> section), loaded just before the complaints.
/// </summary>
public sealed record LoadResult(
    long RunId, string Feed, string FileName, LoadStatus Status,
    long RowsRead, long RowsInserted, long RowsUpdated, long RowsUnchanged, string? Error,
    long RowsQuarantined = 0, IReadOnlyList<RowProblem>? FirstProblems = null, IReadOnlyList<string>? Missing = null,
    long RowsConflicting = 0, IReadOnlyList<Complaints.Warehouse.Ingest.RecordConflict>? FirstConflicts = null,
    LoadResult? Products = null);

/// <summary>A problem that rejects a whole file; <see cref="Missing"/> lists the columns a mapping profile looked for in vain.</summary>
public sealed class FileRejectedException(string message, IReadOnlyList<string>? missing = null) : Exception(message)
{
    public IReadOnlyList<string> Missing { get; } = missing ?? [];
}

/// <summary>A value a mapping profile could not turn into its canonical field, in the canonical file's record <see cref="Record"/>.</summary>
public sealed record MappingProblem(long Record, string CanonicalColumn, string SourceColumn, string Reason);

/// <summary>
/// Where a canonical file written by a mapping profile came from: the source file's name, the source line each
/// canonical record started on, and the values the mapping could not convert. Problems are reported in the source's terms.
/// </summary>
public sealed record MappedSource(string FileName, IReadOnlyList<long> RecordLines, IReadOnlyList<MappingProblem> Problems);
