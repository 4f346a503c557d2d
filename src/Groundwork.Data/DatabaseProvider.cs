namespace Groundwork.Data;

/// <summary>The two stores Groundwork runs on: SQLite embedded (the default) and PostgreSQL (production, multi-node).</summary>
public enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}
