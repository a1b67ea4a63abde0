using PK.Domain.Regions;

namespace PK.Domain.Tests.Support;

/// <summary>The region list the project ships (<c>data/wilayah.csv</c>), loaded once for all tests.</summary>
public static class RegionList
{
    private static readonly Lazy<RegionDirectory> Shipped = new(() =>
    {
        using var reader = new StreamReader(PathOf("data/wilayah.csv"));
        return RegionDirectory.Load(reader);
    });

    public static RegionDirectory Directory => Shipped.Value;

    /// <summary>A file of the repository, found from the folder that holds <c>PK.Bot.sln</c>.</summary>
    public static string PathOf(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PK.Bot.sln"))) return Path.Combine(dir.FullName, relative);
        }
        throw new InvalidOperationException("PK.Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
