using PvoFinance.Bench;

// ./bench.sh <suite>: prints figures measured side by side in one run and ends with one summary line.
var suite = args.FirstOrDefault() ?? "ledger";
switch (suite)
{
    case "ledger":
        var connection = Environment.GetEnvironmentVariable("PVO_BENCH_STORAGE_CONNECTION_STRING");
        if (string.IsNullOrEmpty(connection))
        {
            Console.Error.WriteLine("PVO_BENCH_STORAGE_CONNECTION_STRING is not set; run ./bench.sh ledger, which starts Azurite.");
            return 2;
        }
        return await LedgerBenchmark.RunAsync(connection, BenchOptions.FromEnvironment());
    case "http":
        if (!Uri.TryCreate(Environment.GetEnvironmentVariable("PVO_BENCH_URL"), UriKind.Absolute, out var service))
        {
            Console.Error.WriteLine("PVO_BENCH_URL is not set; run ./bench.sh http, which starts Azurite and the service.");
            return 2;
        }
        // The same Azurite as the service, for the raw upsert rate beside the lifecycle's (absent: not measured).
        var storage = Environment.GetEnvironmentVariable("PVO_BENCH_STORAGE_CONNECTION_STRING");
        return await HttpBenchmark.RunAsync(service, string.IsNullOrEmpty(storage) ? null : storage);
    case "scale":
        if (!Uri.TryCreate(Environment.GetEnvironmentVariable("PVO_BENCH_URL"), UriKind.Absolute, out var scaleService)
            || Environment.GetEnvironmentVariable("PVO_BENCH_STORAGE_CONNECTION_STRING") is not { Length: > 0 } scaleStorage)
        {
            Console.Error.WriteLine("PVO_BENCH_URL or PVO_BENCH_STORAGE_CONNECTION_STRING is not set; run ./bench.sh scale, which starts Azurite and the service.");
            return 2;
        }
        return await ScaleBenchmark.RunAsync(scaleService, scaleStorage, Environment.GetEnvironmentVariable("PVO_BENCH_TABLE_PREFIX") ?? "");
    case "core":
        return CoreBenchmark.Run();
    case "export":
        return await ExportBenchmark.RunAsync();
    case "scenarios":
        return ScenarioBenchmark.Run();
    default:
        Console.Error.WriteLine($"Unknown suite '{suite}'. Suites: ledger, http, scale, core, export, scenarios.");
        return 2;
}
