using Complaints.Demo;

namespace Complaints.Demo.Tests;

/// <summary>Temporary directory that is removed with everything in it.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("complaints-demo-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}

/// <summary>One demo data set shared by the tests that only read it.</summary>
public sealed class GeneratedDemoData : IDisposable
{
    public static readonly DemoDataOptions Options = new(Complaints: 4_000, Seed: 7, LastDay: new DateOnly(2025, 6, 30));

    private readonly TempDirectory _directory = new();

    public GeneratedDemoData()
    {
        Files = new DemoDataGenerator().Write(_directory.Path, Options);
        Products = CsvTable.Read(Files.Products);
        Complaints = CsvTable.Read(Files.Complaints);
        StatusEvents = CsvTable.Read(Files.StatusEvents);
        Costs = CsvTable.Read(Files.Costs);
        Surveys = CsvTable.Read(Files.Surveys);
    }

    public DemoDataFiles Files { get; }
    public CsvTable Products { get; }
    public CsvTable Complaints { get; }
    public CsvTable StatusEvents { get; }
    public CsvTable Costs { get; }
    public CsvTable Surveys { get; }

    public void Dispose() => _directory.Dispose();
}
