using System.ComponentModel.DataAnnotations;

namespace Complaints.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Generate and load demo data at start-up when the warehouse holds no complaints.</summary>
    public bool Enabled { get; set; }

    [Range(100, 10_000_000, ErrorMessage = "Demo:Complaints must be between 100 and 10,000,000.")]
    public int Complaints { get; set; } = 50_000;

    public int Seed { get; set; } = 2026;
}
