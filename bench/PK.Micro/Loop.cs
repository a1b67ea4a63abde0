using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace PK.Micro;

/// <summary>Runs one benchmark method (by its method name) in a loop, for dotnet-trace or dotnet-counters.</summary>
public static class Loop
{
    public static void Run(string name, int times)
    {
        var method = typeof(Loop).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SingleOrDefault(m => m.Name == name && m.GetCustomAttribute<BenchmarkAttribute>() is not null)
            ?? throw new ArgumentException($"no benchmark method named {name}");
        var target = Activator.CreateInstance(method.DeclaringType!)!;
        method.DeclaringType!.GetMethods().Single(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null).Invoke(target, null);
        object? Once() => method.Invoke(target, null);
        for (var i = 0; i < Math.Min(times, 50); i++) Once(); // warm up
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < times; i++) Once();
        var wall = clock.Elapsed;
        process.Refresh();
        Console.WriteLine($"{name}: {times} runs, {wall.TotalMicroseconds / times:F1} µs wall, {(process.TotalProcessorTime - cpu).TotalMicroseconds / times:F1} µs CPU, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / times:N0} B allocated each");
    }
}
