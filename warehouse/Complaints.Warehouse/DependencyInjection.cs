using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddWarehouse(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WarehouseOptions>().BindConfiguration(WarehouseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ReportingOptions>().BindConfiguration(ReportingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // SlaOptions reports every problem with its setting's path (Problems()), through IValidatableObject.
        builder.Services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddTimeProvider();
        builder.Services.AddSingleton<SlaMeasures>();
        builder.Services.AddSingleton<SlaQueries>();
        builder.Services.AddSingleton<Costs.CostRollup>();
        var contentRoot = builder.Environment.ContentRootPath;
        // The owners of derived tables go with the gate itself: no write, from whichever part, can leave them behind.
        builder.Services.AddSingleton(sp => new WarehouseDatabase(
            Path.Combine(contentRoot, sp.GetRequiredService<IOptions<WarehouseOptions>>().Value.Path),
            sp.GetRequiredService<ILogger<WarehouseDatabase>>(),
            [sp.GetRequiredService<SlaMeasures>(), sp.GetRequiredService<Costs.CostRollup>()]));
        builder.Services.AddSingleton<Costs.CostsQueries>();
        builder.Services.AddSingleton<Feedback.FeedbackQueries>();
        builder.Services.AddSingleton<OverviewQueries>();
        builder.Services.AddSingleton<Products.ProductsQueries>();
        builder.Services.AddSingleton<FigureCache>();
        builder.Services.AddSingleton<Accounts.AccountStore>();
        builder.Services.AddSingleton<PersonalData.PersonalDataStore>();
        builder.Services.AddSingleton<Ingest.IngestRunQueries>();
        builder.Services.AddSingleton<History.HistoryQueries>();
        builder.Services.AddSingleton<ComplaintList.ComplaintListQueries>();
        builder.Services.AddSingleton<ComplaintList.FilterOptionsQuery>();
        builder.Services.AddSingleton<ComplaintList.ComplaintDetailQuery>();
        builder.Services.AddHostedService<WarehouseStartup>();
        return builder;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}
