using DuckDB.NET.Data;

namespace Complaints.Warehouse.Writes;

/// <summary>
/// A part that owns tables derived from the facts (SLA measures, the cost rollup) and keeps them in step with every
/// write the gate announces. Given to <see cref="WarehouseDatabase"/> when it is made, so no write can miss one.
/// </summary>
public interface IDerivedTables
{
    /// <summary>In the write's transaction, just before it commits: what must never disagree with the data commits with it.</summary>
    void BeforeCommit(DuckDBConnection connection, WarehouseChange change);

    /// <summary>After the commit, still inside the writer gate, on the writer's connection and outside any transaction.</summary>
    void AfterCommit(DuckDBConnection connection, WarehouseChange change)
    {
    }

    /// <summary>
    /// At the end of a first load (<see cref="WarehouseDatabase.FirstLoadAsync"/>), still inside the writer gate and outside
    /// any transaction: builds once what the loads' <see cref="WarehouseChange.Deferred"/> changes left out of date.
    /// </summary>
    void AfterFirstLoad(DuckDBConnection connection)
    {
    }
}
