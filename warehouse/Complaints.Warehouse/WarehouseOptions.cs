using System.ComponentModel.DataAnnotations;

namespace Complaints.Warehouse;

public sealed class WarehouseOptions
{
    public const string Section = "Warehouse";

    /// <summary>The DuckDB file. A relative path resolves against the host's content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "data/complaints.duckdb";

    /// <summary>
    /// The most memory DuckDB may hold for the warehouse (its <c>memory_limit</c>: loads, recalculations and queries
    /// alike); past it, work spills to the temp folder beside the file (<c>complaints.duckdb.tmp</c>) instead of growing.
    /// DuckDB's own default is 80 % of the machine's memory, too much for a shared machine.
    /// </summary>
    [RegularExpression(@"^\d+(\.\d+)?\s*(MB|GB|TB|MiB|GiB|TiB)$", ErrorMessage = "Warehouse:MemoryLimit must be an amount with its unit, e.g. 4GB or 512MiB.")]
    public string MemoryLimit { get; set; } = "4GB";
}
