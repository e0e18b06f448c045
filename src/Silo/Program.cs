using PvoFinance.Api.Extensions;
using PvoFinance.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPvoSilo();
builder.AddPvoTelemetry();
builder.Services.AddPvoApi();

var app = builder.Build();
app.MapPvoApi();
app.Run();

/// <summary>The service's entry point; public so tests can start the real host.</summary>
public partial class Program;
