using System.Net;
using System.Text.Json.Nodes;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Api;

public sealed class ExportTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Export_ThenImportIntoANewProject_GivesTheSameTasksAndAnnotations(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var sourceId = (await app.Client.CreateProjectAsync("source", overlap: 2)).Id();
        await app.Client.ImportAsync(sourceId, """
            {"unique_id":"k1","data":{"text":"první — unicode ✓","n":1,"nested":{"a":[1,2,{"b":null}]}},"meta":{"source":"crawl"},"priority":3,"batch":"w1"}
            {"unique_id":"k2","data":{"text":"two"}}
            {"data":{"text":"three, no unique id"}}
            {"unique_id":"k4","data":{"text":"four"},"predictions":[{"result":[{"id":"p","from_name":"label","to_name":"text","type":"choices","value":{"choices":["b"]}}],"model_version":"v1","score":0.5}]}
            """);
        var tasks = (await app.Client.GetJsonAsync($"/api/v1/projects/{sourceId}/tasks"))["items"]!.AsArray();
        await (await app.Client.AnnotateAsync(sourceId, tasks[0]!.Id(), leadTime: 3.25)).ExpectAsync(HttpStatusCode.Created);
        await (await app.Client.AnnotateAsync(sourceId, tasks[1]!.Id(), """[{"id":"r9","from_name":"label","to_name":"text","type":"choices","value":{"choices":["b"]}}]""")).ExpectAsync(HttpStatusCode.Created);

        var exported = await app.Client.GetStringAsync($"/api/v1/projects/{sourceId}/export?format=json");
        var targetId = (await app.Client.CreateProjectAsync("target", overlap: 2)).Id();
        var import = await (await app.Client.ImportAsync(targetId, exported, "application/json")).JsonAsync();
        var reExported = await app.Client.GetStringAsync($"/api/v1/projects/{targetId}/export?format=json");

        Assert.Equal(4, import["created"]!.GetValue<long>());
        Assert.Equal(2, import["annotations"]!.GetValue<long>());
        Assert.Equal(1, import["predictions"]!.GetValue<long>());
        var before = JsonNode.Parse(exported)!.AsArray();
        var after = JsonNode.Parse(reExported)!.AsArray();
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(before[i]!["data"], after[i]!["data"]), $"data of task {i} differs");
            Assert.True(JsonNode.DeepEquals(before[i]!["meta"], after[i]!["meta"]));
            Assert.Equal(before[i]!["unique_id"].Compact(), after[i]!["unique_id"].Compact());
            Assert.Equal(before[i]!["priority"].Compact(), after[i]!["priority"].Compact());
            Assert.Equal(before[i]!["batch"].Compact(), after[i]!["batch"].Compact());
            Assert.Equal(before[i]!["status"].Compact(), after[i]!["status"].Compact());
            var beforeAnnotations = before[i]!["annotations"]!.AsArray();
            var afterAnnotations = after[i]!["annotations"]!.AsArray();
            Assert.Equal(beforeAnnotations.Count, afterAnnotations.Count);
            for (var a = 0; a < beforeAnnotations.Count; a++)
            {
                Assert.True(JsonNode.DeepEquals(beforeAnnotations[a]!["result"], afterAnnotations[a]!["result"]));
                Assert.Equal(beforeAnnotations[a]!["lead_time"].Compact(), afterAnnotations[a]!["lead_time"].Compact());
            }

            var beforePredictions = before[i]!["predictions"]!.AsArray();
            var afterPredictions = after[i]!["predictions"]!.AsArray();
            Assert.Equal(beforePredictions.Count, afterPredictions.Count);
            for (var p = 0; p < beforePredictions.Count; p++)
            {
                Assert.True(JsonNode.DeepEquals(beforePredictions[p]!["result"], afterPredictions[p]!["result"]));
                Assert.Equal(beforePredictions[p]!["model_version"].Compact(), afterPredictions[p]!["model_version"].Compact());
                Assert.Equal(beforePredictions[p]!["score"].Compact(), afterPredictions[p]!["score"].Compact());
            }
        }

        Assert.Equal("3.25", before[0]!["annotations"]![0]!["lead_time"].Compact());
        Assert.Equal("in_progress", after[0]!["status"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task ExportJsonl_HasOneTaskPerLineInIdOrderWithItsOwnAnnotations(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var projectId = (await app.Client.CreateProjectAsync(overlap: 1)).Id();
        var lines = string.Join('\n', Enumerable.Range(0, 30).Select(i => $$$"""{"unique_id":"u{{{i}}}","data":{"text":"t{{{i}}}"}}"""));
        await app.Client.ImportAsync(projectId, lines);
        var tasks = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks"))["items"]!.AsArray();
        foreach (var task in tasks.Where((_, i) => i % 3 == 0))
        {
            await (await app.Client.AnnotateAsync(projectId, task!.Id(), $$$"""[{"id":"{{{task!["unique_id"]}}}","from_name":"label","to_name":"text","type":"choices","value":{"choices":["a"]}}]""")).ExpectAsync(HttpStatusCode.Created);
        }

        var response = await app.Client.GetAsync($"/api/v1/projects/{projectId}/export?format=jsonl");
        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var exported = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();

        Assert.Equal(30, exported.Count);
        Assert.Equal(exported.Select(t => t.Id()).Order(), exported.Select(t => t.Id()));
        for (var i = 0; i < exported.Count; i++)
        {
            var annotations = exported[i]["annotations"]!.AsArray();
            Assert.Equal(i % 3 == 0 ? 1 : 0, annotations.Count);
            if (annotations.Count == 1)
            {
                Assert.Equal(exported[i]["unique_id"]!.GetValue<string>(), annotations[0]!["result"]![0]!["id"]!.GetValue<string>());
                Assert.Equal(exported[i].Id(), annotations[0]!["task"]!.GetValue<long>());
            }
        }
    }

    [Fact]
    public async Task Export_UnknownFormat_Returns400()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var projectId = (await app.Client.CreateProjectAsync()).Id();

        var response = await app.Client.GetAsync($"/api/v1/projects/{projectId}/export?format=xml");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("format", problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Export_TrainingFormats_StreamFromTheApi()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        const string config = """<View><Image name="image" value="$image"/><RectangleLabels name="box" toName="image"><Label value="Cat"/><Label value="Dog"/></RectangleLabels></View>""";
        var projectId = (await app.Client.CreateProjectAsync(labelConfig: config)).Id();
        await app.Client.ImportAsync(projectId, """{"data":{"image":"/data/cat.jpg"}}""");
        var taskId = (await app.Client.GetJsonAsync($"/api/v1/projects/{projectId}/tasks"))["items"]![0]!.Id();
        const string result = """[{"id":"b1","from_name":"box","to_name":"image","type":"rectanglelabels","original_width":200,"original_height":100,"value":{"x":10,"y":20,"width":50,"height":40,"rotation":0,"rectanglelabels":["Dog"]}}]""";
        await (await app.Client.AnnotateAsync(projectId, taskId, result)).ExpectAsync(HttpStatusCode.Created);

        var coco = JsonNode.Parse(await app.Client.GetStringAsync($"/api/v1/projects/{projectId}/export?format=coco"))!;
        var yolo = await app.Client.GetAsync($"/api/v1/projects/{projectId}/export?format=yolo");

        var bbox = coco["annotations"]![0]!["bbox"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal([20.0, 20.0, 100.0, 40.0], bbox);
        Assert.Equal(2, coco["categories"]!.AsArray().Count);
        await yolo.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("application/zip", yolo.Content.Headers.ContentType?.MediaType);
    }
}
