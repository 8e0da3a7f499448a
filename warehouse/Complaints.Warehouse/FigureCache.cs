using System.Collections.Concurrent;

namespace Complaints.Warehouse;

/// <summary>
/// Figures as the warehouse stood after its last write, for pages that many people open between loads: the same
/// figure for the same filter is computed once, and any write drops them all. Only for figures that depend on the
/// data alone (not on the current time, as SLA ages and due times do).
/// </summary>
public sealed class FigureCache(WarehouseDatabase warehouse)
{
    private const int MaxFigures = 1_000;

    private (long WriteCount, ConcurrentDictionary<string, object> Figures) _current = (-1, new());

    /// <summary>The keys of the figures kept for the warehouse as it stands now.</summary>
    public IReadOnlyCollection<string> Keys => _current.WriteCount == warehouse.WriteCount ? _current.Figures.Keys.ToList() : [];

    /// <summary>The figure kept under this key for the warehouse as it stands now, if there is one.</summary>
    public bool TryGet<T>(string key, out T value) where T : notnull
    {
        var current = _current;
        if (current.WriteCount == warehouse.WriteCount && current.Figures.TryGetValue(key, out var cached))
        {
            value = (T)cached;
            return true;
        }
        value = default!;
        return false;
    }

    public T GetOrAdd<T>(string key, Func<T> compute) where T : notnull
    {
        var writes = warehouse.WriteCount;
        var current = _current;
        if (current.WriteCount != writes)
            _current = current = (writes, new ConcurrentDictionary<string, object>());
        if (current.Figures.TryGetValue(key, out var cached))
            return (T)cached;

        var value = compute();
        // Kept only if no write ended meanwhile, so a figure is never filed under data it was not computed from.
        if (warehouse.WriteCount == writes && current.Figures.Count < MaxFigures)
            current.Figures[key] = value;
        return value;
    }
}
