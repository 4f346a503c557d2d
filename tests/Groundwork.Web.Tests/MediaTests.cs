using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests;

/// <summary>Media imported as a zip, shown in the workspace from Groundwork's media route with the tab's API token.</summary>
public sealed class MediaTests(BrowserFixture browser)
{
    private const string ImageConfig = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Car"/></RectangleLabels>
        </View>
        """;

    [Fact]
    public Task ImportedImage_IsShownFromTheMediaRoute_WithTheTokenSignIn() => BrowserRetry.RunAsync(ImportedImage_IsShownFromTheMediaRoute_WithTheTokenSignInOnceAsync);

    private async Task ImportedImage_IsShownFromTheMediaRoute_WithTheTokenSignInOnceAsync()
    {
        await using var app = await WebApp.StartAsync();
        var projectId = await app.CreateProjectAsync("Media", ImageConfig);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = archive.CreateEntry("photos/car.png");
            await using var target = await entry.OpenAsync();
            await target.WriteAsync(TestImages.Png(800, 600));
        }

        using var content = new ByteArrayContent(zip.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var imported = await app.Api.PostAsync($"/api/v1/projects/{projectId}/import", content);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        using var tasks = JsonDocument.Parse(await app.Api.GetStringAsync($"/api/v1/projects/{projectId}/tasks"));
        var task = tasks.RootElement.GetProperty("items")[0];
        Assert.StartsWith($"/api/v1/projects/{projectId}/media/", task.GetProperty("data").GetProperty("image").GetString(), StringComparison.Ordinal);
        await using var b = await browser.NewPageAsync(app);
        var page = b.Page;

        await b.SignInWithTokenAsync(WebApp.AdminToken, $"/projects/{projectId}/tasks/{task.GetProperty("id").GetInt64()}/label");

        var image = page.Locator(".image-object img");
        await Assertions.Expect(image).ToBeVisibleAsync();
        await page.Locator(".image-object svg").WaitForAsync();
        Assert.Equal(800, await image.EvaluateAsync<int>("img => img.naturalWidth"));
        Assert.StartsWith("blob:", await image.GetAttributeAsync("src"), StringComparison.Ordinal);
    }
}
