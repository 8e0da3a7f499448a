using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Complaints.Demo;

public static class DependencyInjection
{
    /// <summary>Demo data, generated and loaded through the real load path at start when <c>Demo:Enabled</c>.</summary>
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DemoDataStatus>();
        builder.Services.AddHostedService<DemoDataSeeder>();
        return builder;
    }
}
