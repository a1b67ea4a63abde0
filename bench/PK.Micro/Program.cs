using BenchmarkDotNet.Running;

// Micro-benchmarks of the domain (issue 12): one engine step per question type, the state/snapshot JSON round trip
// the host pays every turn, rendering a prompt, and a family's indicators.
//   dotnet run -c Release --project bench/PK.Micro -- --filter '*'            (default job)
//   dotnet run -c Release --project bench/PK.Micro -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(PK.Micro.Chat).Assembly).Run(args);
