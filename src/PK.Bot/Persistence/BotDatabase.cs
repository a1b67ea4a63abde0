using Microsoft.Data.Sqlite;
using PK.Bot.Hosting;

namespace PK.Bot.Persistence;

/// <summary>Where the bot's SQLite database lives (<c>ConnectionStrings:Bot</c>), resolved against the working directory.</summary>
public sealed class BotDatabase
{
    public BotDatabase(IConfiguration configuration)
    {
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Bot") ?? BotDefaults.BotConnectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            throw new InvalidOperationException("ConnectionStrings:Bot must name a database file (Data Source=…): answers must survive a restart.");
        builder.DataSource = Path.GetFullPath(builder.DataSource);
        // Connections are short-lived; pooling keeps their pragmas cheap.
        builder.Pooling = true;
        ConnectionString = builder.ToString();
        FilePath = builder.DataSource;
        Directory = Path.GetDirectoryName(FilePath)!;
    }

    public string ConnectionString { get; }
    public string FilePath { get; }
    public string Directory { get; }
}
