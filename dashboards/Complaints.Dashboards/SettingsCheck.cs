using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Complaints.Dashboards;

/// <summary>
/// Checks every setting registered with <c>ValidateOnStart</c> before the host starts, so that a bad one is one line on
/// the error output (the setting's path, what is wrong, what to do) and a non-zero exit code, not a stack trace.
/// </summary>
public static partial class SettingsCheck
{
    /// <summary>Exit code of a start refused for a bad setting.</summary>
    public const int BadSetting = 78; // EX_CONFIG in sysexits.h

    /// <summary>Where a setting can be fixed, named for the setting the problem is about when the message names it.</summary>
    private static string WhatToDo(string problem) => SettingPath().Match(problem) is { Success: true } match
        ? $"Fix {match.Groups["path"].Value} in appsettings.json, the environment variable {match.Groups["path"].Value.Replace(":", "__", StringComparison.Ordinal)} " +
          $"or the argument --{match.Groups["path"].Value}=…, and start again."
        : "Fix it in appsettings.json, an environment variable (Section__Key) or a --Section:Key=… argument, and start again.";

    private static string Line(string problem) => $"Bad setting: {problem} {WhatToDo(problem)}";

    /// <summary>One line per bad setting; empty when every setting is valid.</summary>
    public static IReadOnlyList<string> Problems(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. Lines(e)];
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            return [.. e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(Lines)];
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // The binder's own words name the setting's path and the type it wanted.
            return [Line(e.Message)];
        }
    }

    private static IEnumerable<string> Lines(OptionsValidationException e) =>
        e.Failures.Select(failure => Line(WithPath(e.OptionsType, failure)));

    /// <summary>Data-annotation failures name the property ("'MaxRejectedShare' with the error: …"): say its setting path instead.</summary>
    private static string WithPath(Type optionsType, string failure)
    {
        if (DataAnnotationFailure().Match(failure) is not { Success: true } match)
            return failure.TrimEnd('.') + ".";
        var section = optionsType.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string;
        var path = section is null ? match.Groups["member"].Value : $"{section}:{match.Groups["member"].Value}";
        var error = match.Groups["error"].Value.TrimEnd('.');
        return error.Contains(path, StringComparison.Ordinal) ? error + "." : $"{path}: {error}.";
    }

    // "Reporting:TimeZone 'x' is not…" or "…value 'abc' at 'Ingest:MaxRejectedShare' to type…".
    [GeneratedRegex(@"(^|at ')(?<path>[A-Z][A-Za-z]*(:[A-Za-z0-9_]+)+)")]
    private static partial Regex SettingPath();

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<member>[^']*)' with the error: '(?<error>.*)'\.?$")]
    private static partial Regex DataAnnotationFailure();
}
