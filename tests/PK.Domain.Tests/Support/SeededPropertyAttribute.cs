using FsCheck.Xunit;

namespace PK.Domain.Tests.Support;

/// <summary>
/// An FsCheck property that runs the same cases on every machine: a fixed seed (<see cref="PropertySeeds.Default"/>
/// unless one is given), ten times the cases when <c>PK_SOAK=1</c>, and another seed only when asked for with
/// <c>PK_PROPERTY_SEED=(seed,gamma)</c> (to explore). FsCheck prints the seed it ran with ("Ok, passed N tests
/// (seed,gamma)") and, on failure, the line to replay it; a seed that ever failed is kept as a regular test
/// (<see cref="PropertySeeds"/>).
/// </summary>
public sealed class SeededPropertyAttribute : PropertyAttribute
{
    public SeededPropertyAttribute(int cases, string? seed = null)
    {
        MaxTest = PropertySeeds.Soak ? cases * 10 : cases;
        Replay = PropertySeeds.Override ?? seed ?? PropertySeeds.Default;
        Verbose = false;
    }
}

public static class PropertySeeds
{
    /// <summary>The seed every property runs with by default: FsCheck's replay format, <c>(seed,gamma)</c>.</summary>
    public const string Default = "(20260412,7)";

    public static bool Soak => Environment.GetEnvironmentVariable("PK_SOAK") == "1";

    /// <summary>A seed to explore with, from <c>PK_PROPERTY_SEED</c>; null when unset.</summary>
    public static string? Override => Environment.GetEnvironmentVariable("PK_PROPERTY_SEED") is { Length: > 0 } s ? s : null;

    /// <summary>The line a property prints first: how many cases from which seed, and how to run exactly them again.</summary>
    public static string Describe(int cases, string? seed = null)
    {
        var used = Override ?? seed ?? Default;
        return $"FsCheck: {(Soak ? cases * 10 : cases)} cases from seed {used}; replay: PK_PROPERTY_SEED=\"{used}\"{(Soak ? " PK_SOAK=1" : "")}";
    }
}
