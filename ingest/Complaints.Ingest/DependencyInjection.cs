using Complaints.Ingest.Demo;
using Complaints.Ingest.Loading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Complaints.Ingest;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CanonicalFileLoader>();
        builder.Services.AddSingleton<DemoDataStatus>();
        builder.Services.AddHostedService<DemoDataSeeder>();
        return builder;
    }
}
