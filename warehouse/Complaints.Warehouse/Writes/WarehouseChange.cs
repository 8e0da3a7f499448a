namespace Complaints.Warehouse.Writes;

public enum ChangeKind
{
    /// <summary>A load stored, updated or replaced rows of <see cref="WarehouseChange.Feed"/> as run <see cref="WarehouseChange.RunId"/>.</summary>
    Load,
    /// <summary>Run <see cref="WarehouseChange.RunId"/> of <see cref="WarehouseChange.Feed"/> was undone; <see cref="WarehouseChange.ComplaintKeys"/> are the complaints it had changed.</summary>
    Rollback,
    /// <summary>Derived rows were computed again from the same data (an SLA recalculation, a cost rollup rebuilt for new rates).</summary>
    Recalculation,
    /// <summary>A write that said nothing more (run records, scores, audit entries, migrations): what was read before may be stale.</summary>
    Other,
}

/// <summary>What one committed write changed, as the writer gate announces it.</summary>
/// <param name="ComplaintKeys">The complaints concerned, where the writer knows them cheaply; null: not listed (read them from the run).</param>
public sealed record WarehouseChange(ChangeKind Kind, string? Feed = null, long? RunId = null, IReadOnlyList<long>? ComplaintKeys = null)
{
    public static readonly WarehouseChange Other = new(ChangeKind.Other);
    public static readonly WarehouseChange Recalculation = new(ChangeKind.Recalculation);

    public static WarehouseChange Load(string feed, long runId) => new(ChangeKind.Load, feed, runId);

    public static WarehouseChange Rollback(string feed, long runId, IReadOnlyList<long> complaintKeys) => new(ChangeKind.Rollback, feed, runId, complaintKeys);

    /// <summary>Facts changed: a load or a roll-back (not a recomputation of what is derived from them).</summary>
    public bool ChangesData => Kind is ChangeKind.Load or ChangeKind.Rollback;

    /// <summary>
    /// Made inside <see cref="WarehouseDatabase.FirstLoadAsync"/>: owners of derived tables that can wait leave them marked
    /// out of date (so no page reads them) and build them once, in <see cref="IDerivedTables.AfterFirstLoad"/>.
    /// </summary>
    public bool Deferred { get; init; }
}
