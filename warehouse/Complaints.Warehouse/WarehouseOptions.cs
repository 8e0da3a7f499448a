using System.ComponentModel.DataAnnotations;

namespace Complaints.Warehouse;

public sealed class WarehouseOptions
{
    public const string Section = "Warehouse";

    /// <summary>The DuckDB file. A relative path resolves against the host's content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "data/complaints.duckdb";
}
