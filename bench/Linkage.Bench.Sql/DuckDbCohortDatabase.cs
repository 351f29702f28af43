using System.Collections.Immutable;
using DuckDB.NET.Data;
using Linkage.Cohorts;

namespace Linkage.Bench.Sql;

/// <summary>
/// An in-process, in-memory DuckDB holding <see cref="EventTables"/>' files as tables, with the <c>people</c> table an
/// analyst derives once (each person's latest subject, latest date and earliest date), counting cohorts with
/// <see cref="CohortSql"/>, sequence symmetry with <see cref="SequenceSql"/> and facility benchmarks with <see cref="BenchmarkSql"/>.
/// </summary>
public sealed class DuckDbCohortDatabase : IDisposable
{
    private readonly DuckDBConnection _connection;

    private DuckDbCohortDatabase(DuckDBConnection connection) => _connection = connection;

    /// <summary>Loads the files in <paramref name="directory"/> into a new in-memory database.</summary>
    /// <param name="threads">DuckDB's worker threads; its default (every core) when null.</param>
    public static DuckDbCohortDatabase Load(string directory, int? threads = null)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var database = new DuckDbCohortDatabase(connection);
        try
        {
            if (threads is { } count) database.Execute($"SET threads = {count}");

            // DuckDB's default limit is 80% of the machine, which ignores the .NET heap sharing this process: at a
            // million people that was killed by the kernel. Half the machine, spilling to disk beyond it.
            var limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2 / (1024 * 1024);
            database.Execute($"SET memory_limit = '{limit}MB'");
            database.Execute($"SET temp_directory = {Path(directory, "duckdb-spill")}");
            database.Execute($"CREATE TABLE events AS SELECT * FROM read_parquet({Path(directory, EventTables.EventsFile)})");
            database.Execute($"CREATE TABLE event_codes AS SELECT * FROM read_parquet({Path(directory, EventTables.CodesFile)})");

            // cohort-v1's latest record: latest by date, then source, then recordId (ordinal; DuckDB compares strings bytewise);
            // safety-v1's observation start: the earliest date of any current record.
            database.Execute("""
                CREATE TABLE people AS
                SELECT person_id, sex, pref,
                       CAST(substr(birth, 1, 4) AS INTEGER) * 12 + CAST(substr(birth, 6, 2) AS INTEGER) - 1 AS birth_month,
                       date AS last_date,
                       min(date) OVER (PARTITION BY person_id) AS first_date
                FROM events
                QUALIFY row_number() OVER (PARTITION BY person_id ORDER BY date DESC, source DESC, record_id DESC) = 1
                """);
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>The exact tally of <paramref name="definition"/>'s cohort, in canonical form.</summary>
    public CohortTally Count(CohortDefinition definition) => Count(definition, CohortSql.Of(definition));

    /// <summary>The tally that <paramref name="sql"/> (a query of <see cref="CohortSql.Of"/> for <paramref name="definition"/>) answers.</summary>
    public CohortTally Count(CohortDefinition definition, string sql)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var keys = definition.GroupBy.Length;
        var outcome = definition.GroupBy.IndexOf(GroupKey.Outcome);
        var groups = new List<GroupCount>();
        var survival = new List<SurvivalCounts>();
        long total = 0;
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = Enumerable.Range(0, keys).Select(reader.GetString).ToImmutableArray();
            var n = reader.GetInt64(reader.FieldCount - 1);
            total += n;
            groups.Add(new GroupCount { Key = key, Count = n });
            if (definition.Survival is null) continue;

            // One row of times: the interval's events or censored times of one group; the sum adds the rows up.
            var interval = checked((int)reader.GetInt64(keys));
            var counts = new long[interval + 1];
            counts[interval] = n;
            var empty = new long[interval + 1];
            var isEvent = reader.GetBoolean(keys + 1);
            survival.Add(new SurvivalCounts
            {
                Key = outcome < 0 ? key : key.RemoveAt(outcome),
                Events = [.. isEvent ? counts : empty],
                Censored = [.. isEvent ? empty : counts],
            });
        }

        return CohortTallies.Sum([new CohortTally { Total = total, Groups = [.. groups], Survival = [.. survival] }]);
    }

    /// <summary>The counts that <paramref name="sql"/> (a query of <see cref="SequenceSql.Of"/>) answers.</summary>
    public SequenceSqlCounts Sequences(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        long people = 0, index = 0;
        var markers = ImmutableArray.CreateBuilder<MarkerSqlCounts>();
        while (reader.Read())
        {
            (people, index) = (reader.GetInt64(0), reader.GetInt64(1));
            if (reader.IsDBNull(2)) continue;
            markers.Add(new MarkerSqlCounts(
                reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7),
                reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10)));
        }

        return new SequenceSqlCounts(people, index, markers.ToImmutable());
    }

    /// <summary>The facilities that <paramref name="sql"/> (a query of <see cref="BenchmarkSql.Of"/>) answers.</summary>
    public BenchmarkSqlAnswer Benchmark(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        long unattributed = 0;
        var facilities = ImmutableArray.CreateBuilder<FacilitySqlRow>();
        while (reader.Read())
        {
            if (reader.IsDBNull(0))
            {
                unattributed = reader.GetInt64(1);
                continue;
            }

            facilities.Add(new FacilitySqlRow(
                reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4)));
        }

        return new BenchmarkSqlAnswer(unattributed, facilities.ToImmutable());
    }

    /// <summary>Runs <paramref name="sql"/> and reads every row, for timing a query as a client would wait for it.</summary>
    public long Run(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        long rows = 0;
        while (reader.Read()) rows++;
        return rows;
    }

    /// <summary>DuckDB's own account of its memory: the tables' bytes and everything it holds (duckdb_memory()).</summary>
    public (long Tables, long Total) MemoryBytes()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT coalesce(sum(memory_usage_bytes) FILTER (WHERE tag = 'IN_MEMORY_TABLE'), 0), coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>DuckDB's version, e.g. <c>v1.5.6</c>.</summary>
    public string Version()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT version()";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Rows of one of the tables.</summary>
    public long Rows(string table)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Path(string directory, string file) => "'" + System.IO.Path.Combine(directory, file).Replace("'", "''", StringComparison.Ordinal) + "'";
}
