namespace Groundwork.Hosting;

/// <summary>
/// Secrets from the environment, either directly (<c>GROUNDWORK_DB</c>) or, as Docker and Kubernetes secrets are
/// mounted, from a file whose path is in the same name with <c>_FILE</c> (<c>GROUNDWORK_DB_FILE</c>). The file's
/// content is trimmed of surrounding white space (a trailing newline). Setting both is an error.
/// </summary>
public static class EnvironmentSecrets
{
    public const string FileSuffix = "_FILE";

    /// <summary>The secret's value, or null when neither the variable nor its <c>_FILE</c> twin is set.</summary>
    public static string? Read(string variable, Func<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(variable);
        environment ??= Environment.GetEnvironmentVariable;
        var direct = environment(variable);
        var path = environment(variable + FileSuffix);
        if (string.IsNullOrEmpty(path))
        {
            return string.IsNullOrEmpty(direct) ? null : direct;
        }

        if (!string.IsNullOrEmpty(direct))
        {
            throw new InvalidOperationException($"Set either {variable} or {variable}{FileSuffix}, not both.");
        }

        try
        {
            var value = File.ReadAllText(path).Trim();
            return value.Length == 0 ? throw new InvalidOperationException($"{variable}{FileSuffix} names an empty file: {path}.") : value;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The message names the path, never the content.
            throw new InvalidOperationException($"{variable}{FileSuffix} names a file that cannot be read: {path} ({e.GetType().Name}).", e);
        }
    }
}
