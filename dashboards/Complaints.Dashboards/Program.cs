using Complaints.Dashboards;
using Complaints.Ingest;
using Complaints.Warehouse;

var builder = WebApplication.CreateBuilder(args);
if (!builder.Environment.IsDevelopment())
    builder.WebHost.UseStaticWebAssets(); // _content/ and blazor.web.js straight from the build output, as in Development

builder.AddWarehouse();
builder.AddIngest();
builder.AddDashboards();

var app = builder.Build();
app.UseDashboards();
app.MapComplaintEndpoints();
app.Run();

public partial class Program;
