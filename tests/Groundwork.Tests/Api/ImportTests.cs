using System.Net;
using System.Text;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Api;

public sealed class ImportTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Import_SameFileTwice_CreatesNoDuplicates(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var project = await app.Client.CreateProjectAsync();
        var body = string.Join('\n', Enumerable.Range(0, 50).Select(i => $$$"""{"unique_id":"u{{{i}}}","data":{"text":"task {{{i}}}"}}"""));

        var first = await (await app.Client.ImportAsync(project.Id(), body)).JsonAsync();
        var second = await (await app.Client.ImportAsync(project.Id(), body)).JsonAsync();

        Assert.Equal(50, first["created"]!.GetValue<long>());
        Assert.Equal(0, first["skipped"]!.GetValue<long>());
        Assert.Equal(0, second["created"]!.GetValue<long>());
        Assert.Equal(50, second["skipped"]!.GetValue<long>());
        Assert.Equal(50, await CountTasksAsync(app, project.Id()));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Import_DuplicateUniqueIdInsideOneRequest_KeepsTheFirst(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var project = await app.Client.CreateProjectAsync();
        const string body = """
            {"unique_id":"same","data":{"text":"first"}}
            {"unique_id":"same","data":{"text":"second"}}
            {"data":{"text":"no id"}}
            """;

        var result = await (await app.Client.ImportAsync(project.Id(), body)).JsonAsync();
        var page = await app.Client.GetJsonAsync($"/api/v1/projects/{project.Id()}/tasks?unique_id=same");

        Assert.Equal(2, result["created"]!.GetValue<long>());
        Assert.Equal(1, result["skipped"]!.GetValue<long>());
        Assert.Equal("first", page["items"]![0]!["data"]!["text"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Import_WithABadLine_StoresNothingAndNamesTheLine(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var project = await app.Client.CreateProjectAsync();
        await app.Client.ImportAsync(project.Id(), """{"unique_id":"before","data":{"text":"already here"}}""");
        const string body = """
            {"unique_id":"n1","data":{"text":"fine"}}
            {"unique_id":"n2","data":{"text":"fine too"}}
            {"unique_id":"n3","data":{"text": broken}}
            {"unique_id":"n4","data":{"text":"never stored"}}
            """;

        var response = await app.Client.ImportAsync(project.Id(), body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(3, problem["line"]!.GetValue<long>());
        Assert.Contains("Line 3", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, await CountTasksAsync(app, project.Id()));
    }

    [Theory]
    [InlineData("application/json", """[{"data":{"text":"a"}}, {"data":{"text":"b"}}, {"text":"flat"}]""", 3)]
    [InlineData("application/x-ndjson", "{\"text\":\"a\"}\n\n{\"data\":{\"text\":\"b\"},\"meta\":{\"source\":\"x\"}}\n", 2)]
    [InlineData("text/csv", "text,unique_id,priority\n\"a, with comma\",c1,5\n\"b \"\"quoted\"\"\",c2,\n", 2)]
    [InlineData("text/tab-separated-values", "text\tbatch\na\tfirst\nb\tsecond\n", 2)]
    public async Task Import_EachFormat_CreatesTheTasks(string contentType, string body, int expected)
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = await app.Client.CreateProjectAsync();

        var response = await app.Client.ImportAsync(project.Id(), body, contentType);

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(expected, (await response.JsonAsync())["created"]!.GetValue<long>());
        Assert.Equal(expected, await CountTasksAsync(app, project.Id()));
    }

    [Fact]
    public async Task Import_Csv_MapsReservedColumnsAndKeepsTextExact()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = await app.Client.CreateProjectAsync();

        await app.Client.ImportAsync(project.Id(), "text,unique_id,priority,batch\n\"say \"\"hi\"\", <b>x</b>\",c1,7,week1\n", "text/csv");
        var task = (await app.Client.GetJsonAsync($"/api/v1/projects/{project.Id()}/tasks"))["items"]![0]!;

        Assert.Equal("say \"hi\", <b>x</b>", task["data"]!["text"]!.GetValue<string>());
        Assert.Equal("c1", task["unique_id"]!.GetValue<string>());
        Assert.Equal(7, task["priority"]!.GetValue<int>());
        Assert.Equal("week1", task["batch"]!.GetValue<string>());
        Assert.Null(task["data"]!["priority"]);
    }

    [Fact]
    public async Task Import_MultipartUpload_ReadsTheFileByItsExtension()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = await app.Client.CreateProjectAsync();
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("{\"text\":\"one\"}\n{\"text\":\"two\"}\n")), "file", "tasks.jsonl");

        var response = await app.Client.PostAsync($"/api/v1/projects/{project.Id()}/import?batch=upload", form);

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (await response.JsonAsync())["created"]!.GetValue<long>());
        var page = await app.Client.GetJsonAsync($"/api/v1/projects/{project.Id()}/tasks?batch=upload");
        Assert.Equal(2, page["items"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("application/json", "{\"data\":{}}", "must be an array")]
    [InlineData("application/json", "[{\"data\":{\"text\":\"a\"}}", "not closed")]
    [InlineData("application/x-ndjson", "{\"data\":[1,2]}", "data must be a JSON object")]
    [InlineData("application/x-ndjson", "{\"data\":{},\"priority\":\"high\"}", "priority must be an integer")]
    [InlineData("application/x-ndjson", "{\"data\":{},\"annotations\":[{\"lead_time\":3}]}", "no result array")]
    [InlineData("application/x-ndjson", "[1]", "must be a JSON object")]
    [InlineData("text/csv", "text,text\na,b\n", "twice")]
    [InlineData("text/csv", "text,label\na,b,c\n", "fields")]
    [InlineData("text/csv", "text\n\"unterminated\n", "")]
    public async Task Import_MalformedInput_Returns400ProblemAndStoresNothing(string contentType, string body, string expectedDetail)
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = await app.Client.CreateProjectAsync();

        var response = await app.Client.ImportAsync(project.Id(), body, contentType);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(expectedDetail, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(problem["line"]);
        Assert.Equal(0, await CountTasksAsync(app, project.Id()));
    }

    [Fact]
    public async Task Import_UnsupportedContentType_Returns415()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var project = await app.Client.CreateProjectAsync();

        var response = await app.Client.ImportAsync(project.Id(), "<tasks/>", "application/xml");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/x-ndjson", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BodyOverTheLimit_Returns413AndStoresNothing()
    {
        await using var app = await TestApp.StartAsync("sqlite", new Dictionary<string, string?> { ["Groundwork:Api:MaxImportBytes"] = "2048" });
        var project = await app.Client.CreateProjectAsync();
        var body = string.Join('\n', Enumerable.Range(0, 200).Select(i => $$$"""{"data":{"text":"task number {{{i}}}"}}"""));

        var response = await app.Client.ImportAsync(project.Id(), body);

        await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await CountTasksAsync(app, project.Id()));
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Import_WithAnnotationsAndPredictions_StoresThemAndMovesTheLifecycle(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var project = await app.Client.CreateProjectAsync(overlap: 1);
        const string body = """
            {"unique_id":"x","data":{"text":"t"},"annotations":[{"result":[{"id":"a","from_name":"label","to_name":"text","type":"choices","value":{"choices":["a"]}}],"lead_time":4.5}],"predictions":[{"result":[],"model_version":"m1","score":0.75}]}
            {"unique_id":"y","data":{"text":"u"}}
            """;

        var result = await (await app.Client.ImportAsync(project.Id(), body)).JsonAsync();
        var completed = await app.Client.GetJsonAsync($"/api/v1/projects/{project.Id()}/tasks?status=completed");
        var queued = await app.Client.GetJsonAsync($"/api/v1/projects/{project.Id()}/tasks?status=queued");

        Assert.Equal(2, result["created"]!.GetValue<long>());
        Assert.Equal(1, result["annotations"]!.GetValue<long>());
        Assert.Equal(1, result["predictions"]!.GetValue<long>());
        Assert.Equal("x", completed["items"]![0]!["unique_id"]!.GetValue<string>());
        Assert.Equal("y", queued["items"]![0]!["unique_id"]!.GetValue<string>());
    }

    internal static async Task<int> CountTasksAsync(TestApp app, long projectId)
    {
        var count = 0;
        string? cursor = null;
        do
        {
            var page = await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks?limit=1000" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            count += page["items"]!.AsArray().Count;
            cursor = page["next_cursor"]?.ToString();
        }
        while (cursor is not null);
        return count;
    }
}
