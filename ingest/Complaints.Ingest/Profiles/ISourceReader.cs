namespace Complaints.Ingest.Profiles;

/// <summary>A source file opened for mapping: the columns it has, and its records in file order.</summary>
public interface ISourceReader
{
    IReadOnlyCollection<string> Columns { get; }
    IEnumerable<SourceRecord> Records();
}
