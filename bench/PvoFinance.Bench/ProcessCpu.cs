using System.Diagnostics;
using System.Globalization;

namespace PvoFinance.Bench;

/// <summary>
/// CPU seconds used by the processes of a benchmark (the service, Azurite's Node.js process, this client) and by the
/// whole machine, read at two moments; the difference over a phase, divided by the phase's operations, is the CPU an
/// operation costs in each process. On a machine of N cores, a closed loop can do at most N / (CPU per operation)
/// operations per second, so two phases' CPU per operation bound their throughput ratio whatever their latencies.
/// </summary>
internal sealed class ProcessCpu
{
    private readonly (string Name, int Pid)[] _processes;

    private ProcessCpu((string Name, int Pid)[] processes) => _processes = processes;

    /// <summary>CPU seconds per process (same order as named) and of the whole machine (all processes, all cores).</summary>
    public sealed record Reading(double[] Seconds, double Machine, double Wall);

    /// <summary>
    /// The service and Azurite by their process ids (<c>PVO_BENCH_SERVICE_PID</c>, <c>PVO_BENCH_AZURITE_PID</c>, set by
    /// <c>./bench.sh</c>) and this client; a process whose id is not given is left out.
    /// </summary>
    public static ProcessCpu FromEnvironment()
    {
        var list = new List<(string, int)>();
        foreach (var (name, variable) in new[] { ("service", "PVO_BENCH_SERVICE_PID"), ("azurite", "PVO_BENCH_AZURITE_PID") })
        {
            if (int.TryParse(Environment.GetEnvironmentVariable(variable), CultureInfo.InvariantCulture, out var pid) && pid > 0)
            {
                list.Add((name, pid));
            }
        }
        list.Add(("bench client", Environment.ProcessId));
        return new ProcessCpu([.. list]);
    }

    /// <summary>The names of the processes read.</summary>
    public IReadOnlyList<string> Names => [.. _processes.Select(p => p.Name)];

    /// <summary>Reads every process's CPU time so far, and the machine's.</summary>
    public Reading Read() => new([.. _processes.Select(p => Seconds(p.Pid))], MachineSeconds(), Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);

    // user + system time of one process (all its threads); NaN when it cannot be read (gone, or not Linux).
    private static double Seconds(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime.TotalSeconds;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return double.NaN;
        }
    }

    // Busy time of all cores from /proc/stat (user, nice, system, irq, softirq, steal; clock ticks of 1/100 s).
    private static double MachineSeconds()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long busy = 0;
            foreach (var i in new[] { 1, 2, 3, 6, 7, 8 })
            {
                busy += long.Parse(cpu[i], CultureInfo.InvariantCulture);
            }
            return busy / 100.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return double.NaN;
        }
    }

    /// <summary>
    /// Prints, for each phase, the CPU milliseconds per operation of each process and of the processes doing the
    /// phase's work together (all but those named in its <c>Idle</c> list, e.g. the service while the bench client
    /// upserts straight into Azurite: its background work is not the upserts' cost), and the share of the machine
    /// the rest of it (other jobs) took; answers each phase's working CPU ms per operation.
    /// </summary>
    public double[] Print(params (string Name, Reading From, Reading To, double Operations, string[] Idle)[] phases)
    {
        Console.WriteLine($"  CPU per operation (ms; from /proc over each measured window; {Environment.ProcessorCount} cores):");
        var totals = new double[phases.Length];
        for (var i = 0; i < phases.Length; i++)
        {
            var (name, from, to, operations, idle) = phases[i];
            var parts = new List<string>();
            double ours = 0, working = 0;
            var workers = new List<string>();
            for (var p = 0; p < _processes.Length; p++)
            {
                var seconds = to.Seconds[p] - from.Seconds[p];
                seconds = double.IsNaN(seconds) ? 0 : seconds;
                ours += seconds;
                if (!idle.Contains(_processes[p].Name))
                {
                    working += seconds;
                    workers.Add(_processes[p].Name);
                }
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{_processes[p].Name} {1000 * seconds / Math.Max(operations, 1):F2}"));
            }
            var wall = to.Wall - from.Wall;
            var machine = to.Machine - from.Machine;
            totals[i] = 1000 * working / Math.Max(operations, 1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {name,-24} {operations,7:N0} ops: {string.Join(", ", parts)}; {string.Join(" + ", workers)} {totals[i]:F2} ms/op; "
                + $"these processes used {ours / wall:F2} cores, the machine {machine / wall:F2} of {Environment.ProcessorCount} (other jobs {(machine - ours) / wall:F2})"));
        }
        return totals;
    }
}
