using BenchmarkDotNet.Running;
using PK.Micro;

// Micro-benchmarks of the domain (issue 12): one engine step per question type, the state/snapshot JSON round trip
// the host pays every turn, rendering a prompt, and a family's indicators.
//   dotnet run -c Release --project bench/PK.Micro -- --filter '*'            (default job)
//   dotnet run -c Release --project bench/PK.Micro -- --filter '*' --job short
// For a profiler, one benchmark in a plain loop (no BenchmarkDotNet):
//   dotnet run -c Release --project bench/PK.Micro -- loop MemberBatch 2000
// The length of the stored JSON at the benchmarks' points:
//   dotnet run -c Release --project bench/PK.Micro -- sizes
if (args is ["loop", var name, var times])
{
    Loop.Run(name, int.Parse(times));
    return;
}
if (args is ["sizes"])
{
    // How long the stored JSON is at the benchmarks' two points (state, snapshot).
    foreach (var (point, upto) in new[] { ("mid-family", 10), ("late family", 19) })
    {
        var chat = Chat.After(Chat.FamilyOfFour[..upto]);
        Console.WriteLine($"{point}: state {chat.StateJson.Length} chars, snapshot {chat.SnapshotJson.Single().Length} chars");
    }
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Chat).Assembly).Run(args);
