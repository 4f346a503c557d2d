using System.Net;
using System.Net.Http.Json;
using System.Text;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Api;

public sealed class ProjectsTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Project_CreateGetUpdateListDelete(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var created = await app.Client.CreateProjectAsync("Cats", overlap: 3);
        var id = created.Id();
        var fetched = await app.Client.GetJsonAsync($"/api/v1/projects/{id}");
        var patch = await app.Client.PatchAsJsonAsync($"/api/v1/projects/{id}", new { name = "Dogs", instructions = "# Label dogs" });
        var list = await app.Client.GetJsonAsync("/api/v1/projects");
        var delete = await app.Client.DeleteAsync($"/api/v1/projects/{id}");
        var gone = await app.Client.GetAsync($"/api/v1/projects/{id}");

        Assert.True(id > 0);
        Assert.Equal("Cats", fetched["name"]!.GetValue<string>());
        Assert.Equal(3, fetched["overlap"]!.GetValue<int>());
        await patch.ExpectAsync(HttpStatusCode.OK);
        var updated = await patch.JsonAsync();
        Assert.Equal("Dogs", updated["name"]!.GetValue<string>());
        Assert.Equal("# Label dogs", updated["instructions"]!.GetValue<string>());
        Assert.Equal(3, updated["overlap"]!.GetValue<int>());
        Assert.Single(list.AsArray());
        await delete.ExpectAsync(HttpStatusCode.NoContent);
        await gone.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"name":"x","label_config":"<View><Text name='t' value='$t'></View>"}""", "label_config")]
    [InlineData("""{"name":"x","label_config":"<!DOCTYPE View [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><View>&e;</View>"}""", "label_config")]
    [InlineData("""{"name":"x","label_config":"<Task/>"}""", "label_config")]
    [InlineData("""{"name":"","overlap":1}""", "name")]
    [InlineData("""{"name":"x","overlap":0}""", "overlap")]
    public async Task Project_InvalidField_Returns400NamingTheField(string body, string field)
    {
        await using var app = await TestApp.StartAsync("sqlite");

        var response = await app.Client.PostAsync("/api/v1/projects", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Empty((await app.Client.GetJsonAsync("/api/v1/projects")).AsArray());
    }

    [Theory]
    [InlineData("""{"name": "x", """, "")]
    [InlineData("""{"name": 5}""", "$.name")]
    [InlineData("""{"name": "x", "overlap": "two"}""", "$.overlap")]
    [InlineData("""[1,2]""", "")]
    public async Task Project_MalformedJson_Returns400Problem(string body, string path)
    {
        await using var app = await TestApp.StartAsync("sqlite");

        var response = await app.Client.PostAsync("/api/v1/projects", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(path, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await app.Client.GetJsonAsync("/api/v1/projects")).AsArray());
    }

    [Fact]
    public async Task Project_OversizedBody_Returns413()
    {
        await using var app = await TestApp.StartAsync("sqlite", new Dictionary<string, string?> { ["Groundwork:Api:MaxBodyBytes"] = "4096" });
        var body = $$"""{"name":"big","instructions":"{{new string('x', 10_000)}}"}""";

        var response = await app.Client.PostAsync("/api/v1/projects", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty((await app.Client.GetJsonAsync("/api/v1/projects")).AsArray());
    }

    [Fact]
    public async Task UnknownProject_Returns404Problem()
    {
        await using var app = await TestApp.StartAsync("sqlite");

        var response = await app.Client.GetAsync("/api/v1/projects/424242/tasks");

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SqlMetacharactersInFields_AreStoredAsText()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        const string name = "x'); DROP TABLE projects; --";

        var created = await app.Client.CreateProjectAsync(name);
        var fetched = await app.Client.GetJsonAsync($"/api/v1/projects/{created.Id()}");
        await app.Client.ImportAsync(created.Id(), """{"unique_id":"' OR 1=1 --","data":{"text":"\"; DELETE FROM tasks; --"}}""");
        var filtered = await app.Client.GetJsonAsync($"/api/v1/projects/{created.Id()}/tasks?unique_id={Uri.EscapeDataString("' OR 1=1 --")}");

        Assert.Equal(name, fetched["name"]!.GetValue<string>());
        Assert.Single(filtered["items"]!.AsArray());
    }

    [Fact]
    public async Task ValidateLabelConfig_ReturnsVariablesOrNamesTheFault()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        const string good = """<View><Image name="img" value="$image"/><RectangleLabels name="box" toName="img"><Label value="Cat" hotkey="c"/></RectangleLabels></View>""";
        const string bad = """<View><Image name="img" value="$image"/><RectangleLabels name="box" toName="picture"><Label value="Cat"/></RectangleLabels></View>""";

        var ok = await app.Client.PostAsJsonAsync("/api/v1/label-configs/validate", new { label_config = good });
        var wrong = await app.Client.PostAsJsonAsync("/api/v1/label-configs/validate", new { label_config = bad });
        var project = await app.Client.PostAsJsonAsync("/api/v1/projects", new { name = "x", label_config = bad });

        await ok.ExpectAsync(HttpStatusCode.OK);
        var model = await ok.JsonAsync();
        Assert.Equal("image", model["variables"]![0]!.GetValue<string>());
        var problem = await wrong.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("picture", problem["errors"]!["label_config"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await project.ExpectProblemAsync(HttpStatusCode.BadRequest);
    }
}
