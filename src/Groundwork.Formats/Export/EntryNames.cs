namespace Groundwork.Formats.Export;

/// <summary>
/// Keeps names in an archive distinct: a name already taken gets the task id appended. Remembers hashes,
/// not strings, so memory stays small; a hash collision only renames a file that did not need it.
/// </summary>
internal sealed class EntryNames
{
    private readonly HashSet<int> _taken = [];

    public string Reserve(string stem, long taskId)
    {
        var name = _taken.Add(Hash(stem)) ? stem : $"{stem}_{taskId}";
        _taken.Add(Hash(name));
        return name;
    }

    private static int Hash(string name) => StringComparer.Ordinal.GetHashCode(name);
}
