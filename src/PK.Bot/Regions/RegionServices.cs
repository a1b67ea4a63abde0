using PK.Domain.Regions;

namespace PK.Bot.Regions;

public static class RegionServices
{
    /// <summary>The Kemendagri region list, shipped beside the executable as data/wilayah.csv.</summary>
    public static IServiceCollection AddRegions(this IServiceCollection services)
    {
        services.AddSingleton(_ =>
        {
            var file = new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() }
                .Select(dir => Path.Combine(dir, "data", "wilayah.csv"))
                .FirstOrDefault(File.Exists)
                ?? throw new FileNotFoundException("The region list data/wilayah.csv is missing beside PK.Bot.dll.");
            using var reader = new StreamReader(file);
            return RegionDirectory.Load(reader);
        });
        return services;
    }
}
