using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;

namespace Complaints.Ingest.Profiles;

/// <summary>
/// The product masters a complaints profile fills from its own records (its <c>products</c> section): one canonical
/// products row per SKU, from the first record that names it, for sources that have no product feed.
/// </summary>
public sealed class ProductMasters(MappingProfile productsProfile, string path) : IDisposable
{
    private readonly RecordMapper _mapper = new(productsProfile);
    private readonly CsvRowWriter _writer = new(path, FeedLayouts.Products);
    private readonly int _sku = FeedLayouts.Products.Columns.ToList().FindIndex(c => c.Name == "sku");
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<long> _lines = [];
    private readonly List<MappingProblem> _problems = [];

    public void Add(SourceRecord record)
    {
        // A record without a SKU has no product to name: the complaint's own load says what is wrong with it.
        var problems = new List<MappingProblem>();
        var row = _mapper.Map(record, _lines.Count, problems);
        if (row[_sku] is not { Length: > 0 } sku || !_seen.Add(sku))
            return;
        _problems.AddRange(problems);
        foreach (var value in row)
            _writer.Text(value);
        _writer.EndRow();
        _lines.Add(record.Line);
    }

    public MappedSource Mapped(string fileName)
    {
        _writer.Dispose();
        return new MappedSource(fileName, _lines, _problems);
    }

    public void Dispose() => _writer.Dispose();
}
