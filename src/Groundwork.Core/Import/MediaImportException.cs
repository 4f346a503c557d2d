namespace Groundwork.Core.Import;

/// <summary>
/// Raised when a media import (a zip or a folder of files) cannot be taken: a hostile or malformed zip entry, a file
/// over a limit, a file the label config has nowhere to show. <see cref="Entry"/> names the entry or file at fault
/// (null when the problem is the archive as a whole). Nothing of such an import is stored as tasks.
/// </summary>
public sealed class MediaImportException : Exception
{
    public MediaImportException(string message, string? entry, Exception? innerException = null)
        : base(message, innerException)
    {
        Entry = entry;
    }

    public MediaImportException()
    {
    }

    public MediaImportException(string message)
        : base(message)
    {
    }

    public MediaImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? Entry { get; }
}
