namespace Complaints.Warehouse;

public sealed class WarehouseLockedException(string path, Exception inner)
    : Exception($"The warehouse {path} is in use by another process (DuckDB allows one writer process per file).", inner)
{
    public string WarehousePath { get; } = path;
}
