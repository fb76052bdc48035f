using Reasonable.Api.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddReasonable();
    var app = builder.Build();
    app.UseReasonable();
    app.Run();
    return 0;
}
catch (StartupRefusedException refusal)
{
    await Console.Error.WriteLineAsync($"Reasonable cannot start: {refusal.Message}");
    return 1;
}

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
