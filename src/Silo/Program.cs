using PvoFinance.Api.Extensions;
using PvoFinance.Silo.Hosting;

// Settings files ship next to the binary; the working directory is wherever the caller started us.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddPvoSilo();
builder.AddPvoTelemetry();
builder.Services.AddPvoApi(builder.Configuration, builder.Environment);

var app = builder.Build();
// Development only: each response says how many storage round trips it took (./bench.sh http reads it).
app.UsePvoStorageRoundTrips();
app.MapPvoApi();
app.Run();

/// <summary>The service's entry point; public so tests can start the real host.</summary>
public partial class Program;
