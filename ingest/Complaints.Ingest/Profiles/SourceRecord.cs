namespace Complaints.Ingest.Profiles;

/// <summary>
/// One record of a source file: the physical line it starts on, and its values by source column name. <see cref="Misfit"/>
/// says why the record cannot be trusted as a whole (more fields than the header has: its values are misaligned).
/// </summary>
public sealed record SourceRecord(long Line, IReadOnlyDictionary<string, string> Values, string? Misfit = null);
