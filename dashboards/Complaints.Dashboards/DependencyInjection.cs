using Complaints.Dashboards.Access;
using Complaints.Dashboards.Components;
using Complaints.Dashboards.Features.Costs;
using Complaints.Dashboards.Features.Defects;
using Complaints.Dashboards.Features.Exports;
using Complaints.Dashboards.Features.Subscriptions;
using Complaints.Dashboards.Features.Feedback;
using Complaints.Dashboards.Features.History;
using Complaints.Dashboards.Features.Ingest;
using Complaints.Dashboards.Features.Language;
using Complaints.Dashboards.Features.Overview;
using Complaints.Dashboards.Features.Products;
using Complaints.Dashboards.Features.Risk;
using Complaints.Dashboards.Features.Sla;
using Quartz;

namespace Complaints.Dashboards;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddDashboards(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddProblemDetails();
        builder.Services.AddOptions<AdminOptions>().Bind(builder.Configuration.GetSection(AdminOptions.Section));
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(Cultures.Configure);
        builder.Services.AddHostedService<Hosting.PageWarmer>();
        // Workbooks and exports say the filter as the filter bar does (AddReports falls back to the query string).
        builder.Services.AddSingleton<Complaints.Reports.Workbooks.DescribeFilter>(ReportFilterWords.Describe);
        return builder;
    }

    /// <summary>The one Quartz scheduler of the host; each part adds its own jobs to it (AddIngest, AddModels).</summary>
    public static IHostApplicationBuilder AddScheduler(this IHostApplicationBuilder builder)
    {
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    public static WebApplication UseDashboards(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseRequestLocalization();
        app.UseQueryCultureAsCookie();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        return app;
    }

    public static WebApplication MapComplaintEndpoints(this WebApplication app)
    {
        app.MapOverviewEndpoints();
        app.MapSlaEndpoints();
        app.MapProductsEndpoints();
        app.MapCostsEndpoints();
        app.MapFeedbackEndpoints();
        app.MapIngestEndpoints();
        app.MapLanguageEndpoints();
        app.MapHistoryEndpoints();
        app.MapDefectsEndpoints();
        app.MapRiskEndpoints();
        app.MapExportEndpoints();
        app.MapSubscriptionEndpoints();
        return app;
    }
}
