using BenchmarkDotNet.Running;
using PK.Micro;

// Micro-benchmarks of the domain (issue 12): one engine step per question type, the state/snapshot JSON round trip
// the host pays every turn, rendering a prompt, and a family's indicators.
//   dotnet run -c Release --project bench/PK.Micro -- --filter '*'            (default job)
//   dotnet run -c Release --project bench/PK.Micro -- --filter '*' --job short
// For a profiler, one benchmark in a plain loop (no BenchmarkDotNet):
//   dotnet run -c Release --project bench/PK.Micro -- loop MemberBatch 2000
if (args is ["loop", var name, var times])
{
    Loop.Run(name, int.Parse(times));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Chat).Assembly).Run(args);
