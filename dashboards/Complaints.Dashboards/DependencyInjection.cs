using Complaints.Dashboards.Access;
using Complaints.Dashboards.Features.Account;
using Complaints.Dashboards.Features.Audit;
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
using Complaints.Dashboards.Features.PersonalData;
using Complaints.Dashboards.Features.Products;
using Complaints.Dashboards.Features.Risk;
using Complaints.Dashboards.Features.Sla;
using Complaints.Dashboards.Scheduling;
using Quartz;

namespace Complaints.Dashboards;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddDashboards(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddProblemDetails();
        builder.AddAccess();
        builder.Services.AddOptions<Features.PersonalData.PersonalDataOptions>().BindConfiguration(Features.PersonalData.PersonalDataOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var retention = builder.Configuration.GetSection(Features.PersonalData.PersonalDataOptions.Section).Get<Features.PersonalData.PersonalDataOptions>();
        if (retention?.RetentionDays is not null && CronExpression.TryParse(retention.RetentionSchedule, out _))
            builder.Services.AddQuartz(q =>
            {
                q.AddJob<Features.PersonalData.RetentionJob>(j => j.WithIdentity(Features.PersonalData.RetentionJob.Key));
                q.AddTrigger(t => t.ForJob(Features.PersonalData.RetentionJob.Key).WithCronSchedule(retention.RetentionSchedule));
            });
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(Cultures.Configure);
        builder.Services.AddHostedService<Hosting.PageWarmer>();
        // Workbooks and exports say the filter as the filter bar does (AddReports falls back to the query string).
        builder.Services.AddSingleton<Complaints.Reports.Workbooks.DescribeFilter>(ReportFilterWords.Describe);
        return builder;
    }

    /// <summary>
    /// The one Quartz scheduler of the host; each part adds its own jobs to it (AddIngest, AddModels). In memory, or with
    /// <c>Scheduler:Clustered</c> on the PostgreSQL job store shared by the hosts of a cluster.
    /// </summary>
    public static IHostApplicationBuilder AddScheduler(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The store is chosen here, once: Quartz needs it at registration. Bad settings leave the in-memory store here
        // and are refused at start by SchedulerOptions' validation, which names the setting (see SettingsCheck).
        if (ReadSchedulerOptions(builder.Configuration) is { UsesClusteredStore: true } scheduler)
            builder.Services.AddQuartz(quartz => SchedulerStore.UseClustered(quartz, scheduler));
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    private static SchedulerOptions? ReadSchedulerOptions(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        }
        catch (InvalidOperationException)
        {
            return null; // a value of the wrong type: the start-up check reports it with its path
        }
    }

    public static WebApplication UseDashboards(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseRequestLocalization();
        app.UseQueryCultureAsCookie();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSecurityHeaders();
        app.UseAccess();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous(); // styles, scripts and plotly.js: the sign-in page needs them too
        app.MapRazorComponents<App>().Add(OpenFrameworkEndpoints);
        return app;
    }

    /// <summary>
    /// Blazor's own endpoints beside the pages (the redirect helper of enhanced navigation, the answer for a missing
    /// file) carry nothing of ours: open, as the static files are. Pages keep the policies they name.
    /// </summary>
    private static void OpenFrameworkEndpoints(EndpointBuilder endpoint)
    {
        if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && (route.StartsWith("/_framework/", StringComparison.Ordinal) || route.Contains(":file}", StringComparison.Ordinal)))
            endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
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
        app.MapAccountEndpoints();
        app.MapPersonalDataEndpoints();
        app.MapExportEndpoints();
        app.MapSubscriptionEndpoints();
        app.MapAuditReportEndpoints();
        return app;
    }
}
