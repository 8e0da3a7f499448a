using Complaints.Dashboards;
using Complaints.Dashboards.CommandLine;
using Complaints.Demo;
using Complaints.Ingest;
using Complaints.Models;
using Complaints.Reports;
using Complaints.Warehouse;

if (CommandLine.Handles(args))
    return await CommandLine.RunAsync(args, Console.Out);

var builder = WebApplication.CreateBuilder(args);
if (!builder.Environment.IsDevelopment())
    builder.WebHost.UseStaticWebAssets(); // _content/ and blazor.web.js straight from the build output, as in Development

builder.AddWarehouse();
builder.AddIngest();
builder.AddDemo();
builder.AddModels();
builder.AddDashboards();
builder.AddReports();
builder.AddScheduler();

var app = builder.Build();
if (SettingsCheck.Problems(app.Services) is { Count: > 0 } problems)
{
    foreach (var problem in problems)
        Console.Error.WriteLine(problem);
    return SettingsCheck.BadSetting;
}
app.UseDashboards();
app.MapComplaintEndpoints();
app.Run();
return 0;

public partial class Program;
