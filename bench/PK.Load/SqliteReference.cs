using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace PK.Load;

/// <summary>What this machine's disk and SQLite allow: the ceiling any durable turn rate is measured against.</summary>
public static class SqliteReference
{
    /// <summary>One ~600-byte row per transaction (WAL, the given synchronous mode), for the given time.</summary>
    public static LoadResult CommitRate(string dataDir, string synchronous, TimeSpan measure) => Run(dataDir, $"raw SQLite: 1 insert per commit (synchronous={synchronous})", synchronous, 1, measure);

    /// <summary>Rows inserted 1,000 per transaction.</summary>
    public static LoadResult BatchedRate(string dataDir, string synchronous, TimeSpan measure) => Run(dataDir, $"raw SQLite: 1,000 inserts per commit (synchronous={synchronous})", synchronous, 1_000, measure);

    private static LoadResult Run(string dataDir, string scenario, string synchronous, int batch, TimeSpan measure)
    {
        var path = Path.Combine(dataDir, $"reference-{Guid.NewGuid():N}.db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
            connection.Open();
            Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; CREATE TABLE t (id INTEGER PRIMARY KEY, chat TEXT NOT NULL, payload TEXT NOT NULL);");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t (chat, payload) VALUES ($chat, $payload)";
            var chat = insert.Parameters.Add("$chat", SqliteType.Text);
            insert.Parameters.AddWithValue("$payload", new string('x', 600));
            var latencies = new List<double>();
            var cpu = ProcessFigures.Cpu();
            var watch = Stopwatch.StartNew();
            long rows = 0;
            while (watch.Elapsed < measure)
            {
                var started = Stopwatch.GetTimestamp();
                using (var transaction = connection.BeginTransaction())
                {
                    insert.Transaction = transaction;
                    for (var i = 0; i < batch; i++)
                    {
                        chat.Value = $"k{rows % 200}";
                        insert.ExecuteNonQuery();
                        rows++;
                    }
                    transaction.Commit();
                }
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            var elapsed = watch.Elapsed;
            return new LoadResult(scenario, rows, elapsed, latencies, (ProcessFigures.Cpu() - cpu).TotalMilliseconds, ProcessFigures.PeakRss(), "rows/s; latency = one commit");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
