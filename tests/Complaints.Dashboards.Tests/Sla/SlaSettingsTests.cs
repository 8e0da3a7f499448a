using Complaints.Dashboards.Tests.Hosting;

namespace Complaints.Dashboards.Tests.Sla;

public sealed class SlaSettingsTests
{
    [Fact]
    public void A_bad_SLA_setting_stops_the_start_and_names_the_setting()
    {
        var folder = Directory.CreateTempSubdirectory("complaints-test-").FullName;
        try
        {
            var error = Record.Exception(() => TestApp.Start(new Dictionary<string, string?>
            {
                ["Warehouse:Path"] = Path.Combine(folder, "warehouse.duckdb"),
                ["Demo:Enabled"] = "false",
                ["Sla:Policies:0:ResolutionTarget"] = "-1.00:00:00",
            }));

            Assert.NotNull(error);
            Assert.Contains("Sla:Policies:0:ResolutionTarget must be positive", Messages(error));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Messages(Exception e) =>
        string.Join(" | ", e is AggregateException a ? a.Flatten().InnerExceptions.Select(Messages) : [e.Message, e.InnerException is { } inner ? Messages(inner) : ""]);
}
