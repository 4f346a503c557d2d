using System.Net;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Api;

public sealed class TaskListTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task CursorPaging_VisitsEveryTaskOnceInIdOrder(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = (await app.Client.CreateProjectAsync()).Id();
        await app.Client.ImportAsync(projectId, string.Join('\n', Enumerable.Range(0, 250).Select(i => $$$"""{"text":"t{{{i}}}"}""")));

        var seen = new List<long>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks?limit=100" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            seen.AddRange(page["items"]!.AsArray().Select(t => t!.Id()));
            cursor = page["next_cursor"]?.ToString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(250, seen.Count);
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(250, seen.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Filters_SelectByStatusBatchUniqueIdAndAnnotations(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = (await app.Client.CreateProjectAsync(overlap: 1)).Id();
        await app.Client.ImportAsync(projectId, """
            {"unique_id":"a","data":{"text":"a"},"batch":"one"}
            {"unique_id":"b","data":{"text":"b"},"batch":"one"}
            {"unique_id":"c","data":{"text":"c"},"batch":"two"}
            """);
        var b = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks?unique_id=b"))["items"]![0]!;
        await (await app.Client.AnnotateAsync(projectId, b.Id())).ExpectAsync(HttpStatusCode.Created);

        async Task<string[]> UniqueIds(string query) =>
            (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks?{query}"))["items"]!.AsArray().Select(t => t!["unique_id"]!.GetValue<string>()).ToArray();

        Assert.Equal(["a", "b"], await UniqueIds("batch=one"));
        Assert.Equal(["b"], await UniqueIds("status=completed"));
        Assert.Equal(["a", "c"], await UniqueIds("status=queued"));
        Assert.Equal(["b"], await UniqueIds("has_annotations=true"));
        Assert.Equal(["a", "c"], await UniqueIds("has_annotations=false"));
        Assert.Equal(["a"], await UniqueIds("batch=one&has_annotations=false"));
    }

    [Theory]
    [InlineData("status=done", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=5000", "limit")]
    [InlineData("cursor=-1", "cursor")]
    public async Task InvalidQuery_Returns400NamingTheParameter(string query, string field)
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var projectId = (await app.Client.CreateProjectAsync()).Id();

        var response = await app.Client.GetAsync($"/api/v1/projects/{projectId}/tasks?{query}");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task NonNumericQueryValue_Returns400Problem()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var projectId = (await app.Client.CreateProjectAsync()).Id();

        var response = await app.Client.GetAsync($"/api/v1/projects/{projectId}/tasks?limit=many");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("limit", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
