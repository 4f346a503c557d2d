using System.Data.Common;
using System.Globalization;

namespace Groundwork.Data.Stores;

/// <summary>The current row of a <see cref="ForwardCursor"/>: a live reader row, or a row buffered from a fetched batch.</summary>
internal readonly struct CursorRow(DbDataReader? reader, object[]? values)
{
    public bool IsDBNull(int ordinal) => reader?.IsDBNull(ordinal) ?? values![ordinal] is DBNull;

    public long GetInt64(int ordinal) => reader?.GetInt64(ordinal) ?? Convert.ToInt64(values![ordinal], CultureInfo.InvariantCulture);

    public int GetInt32(int ordinal) => reader?.GetInt32(ordinal) ?? Convert.ToInt32(values![ordinal], CultureInfo.InvariantCulture);

    public double GetDouble(int ordinal) => reader?.GetDouble(ordinal) ?? Convert.ToDouble(values![ordinal], CultureInfo.InvariantCulture);

    public string GetString(int ordinal) => reader?.GetString(ordinal) ?? (string)values![ordinal];

    public DateTimeOffset GetDateTimeOffset(int ordinal)
    {
        if (reader is Microsoft.Data.Sqlite.SqliteDataReader sqlite && sqlite.GetFieldType(ordinal) == typeof(string))
        {
            return Providers.Sqlite.SqliteInstant.Parse(sqlite.GetString(ordinal));
        }

        if (reader is not null)
        {
            return reader.GetFieldValue<DateTimeOffset>(ordinal);
        }

        return values![ordinal] switch
        {
            DateTimeOffset offset => offset,
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            var other => DateTimeOffset.Parse(Convert.ToString(other, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
        };
    }
}
