using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Reasonable.Api.Health;

public static class HealthEndpoints
{
    /// <summary>GET /healthz: 200 with {"status":"Healthy","database":"Healthy"}, or 503 when a check fails.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                var body = new Dictionary<string, string> { ["status"] = report.Status.ToString() };
                foreach (var (name, entry) in report.Entries)
                {
                    body[name] = entry.Status.ToString();
                }

                await JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
            },
        });
        return app;
    }
}
