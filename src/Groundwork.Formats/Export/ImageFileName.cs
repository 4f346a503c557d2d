namespace Groundwork.Formats.Export;

/// <summary>Turns an image reference from task data into a file name for the image formats.</summary>
internal static class ImageFileName
{
    /// <summary>
    /// The file name of <paramref name="reference"/>: the last path segment, decoded, without query; for Label
    /// Studio local-file URLs (<c>/data/local-files/?d=dir/a.jpg</c>) the last segment of the <c>d</c> path.
    /// </summary>
    public static string Of(string reference, long taskId)
    {
        var path = reference.AsSpan();
        var query = path.IndexOf('?');
        if (query >= 0)
        {
            var parameters = path[(query + 1)..];
            path = path[..query];
            foreach (var range in parameters.Split('&'))
            {
                var parameter = parameters[range];
                if (parameter.StartsWith("d="))
                {
                    path = parameter[2..];
                    break;
                }
            }
        }

        var fragment = path.IndexOf('#');
        if (fragment >= 0)
        {
            path = path[..fragment];
        }

        path = path.TrimEnd('/');
        var slash = path.LastIndexOfAny('/', '\\');
        var name = Uri.UnescapeDataString(path[(slash + 1)..].ToString());
        name = name.Replace('/', '_').Replace('\\', '_');
        return name.Length == 0 || name is "." or ".." ? $"task-{taskId}" : name;
    }

    /// <summary>The file name without its extension.</summary>
    public static string Stem(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        return dot > 0 ? fileName[..dot] : fileName;
    }
}
