using System.Globalization;
using System.Runtime.InteropServices;

namespace SmartCityGraph.Benchmarks.Load;

/// <summary>What Linux's /proc says about a process and the machine: CPU time, resident memory, busy CPUs.</summary>
internal static partial class ProcessStats
{
    private const int ClockTicksName = 2; // _SC_CLK_TCK

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);

    private static readonly double TicksPerSecond = SysConf(ClockTicksName) is > 0 and var ticks ? ticks : 100;

    /// <summary>User plus system CPU time the process has used (<c>utime + stime</c> of /proc/PID/stat).</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[14 - 3], CultureInfo.InvariantCulture) + long.Parse(fields[15 - 3], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The process's resident set now (VmRSS) and its peak since it started (VmHWM), in bytes.</summary>
    public static (long Resident, long Peak) Memory(int pid)
    {
        long resident = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) resident = Kilobytes(line) * 1024;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line) * 1024;
        }
        return (resident, peak);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>CPU time of this harness (the load generator), to tell its share of the machine from the server's.</summary>
    public static TimeSpan OwnCpuTime() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>Busy time of all CPUs of the machine, from /proc/stat (everything but idle and iowait).</summary>
    public static TimeSpan MachineBusyTime()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var busy = fields.Sum() - fields[3] - fields[4];
        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }
}
