namespace Complaints.Testing;

public static class Repository
{
    /// <summary>The folder holding Complaints.sln, found upwards from the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Complaints.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Complaints.sln not found above the test's output folder.");
    }
}
