using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Linkage.Silo.Hosting;

/// <summary>Writes a health report as JSON with each check's status and, when it fails, its reason.</summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), reason = e.Value.Description }),
        }, JsonSerializerOptions.Web);
    }
}
