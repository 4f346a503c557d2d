namespace Groundwork.Api;

/// <summary>The checks every cursor-paged list shares: a cursor from a previous page, a limit of 1 to 1000.</summary>
internal static class Paging
{
    public static Dictionary<string, string[]> Check(long? cursor, int? limit)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (limit is < 1 or > 1000)
        {
            errors["limit"] = ["limit must be between 1 and 1000"];
        }

        if (cursor is < 1)
        {
            errors["cursor"] = ["cursor must be a next_cursor value from a previous page"];
        }

        return errors;
    }
}
