using System.Net;
using System.Text;
using Groundwork.Formats.Import;
using Groundwork.Tests.Api;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Security;

/// <summary>One task larger than the per-task limit, inside an import the body limit allows: refused with its line.</summary>
public sealed class BadInputLargeTaskTests
{
    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task Import_OneTaskOverTheTaskLimit_Returns400WithItsLineAndStoresNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var project = (await app.Client.CreateProjectAsync()).Id();
        var huge = "{\"data\":{\"text\":\"" + new string('x', JsonLinesTaskReader.MaxLineBytes) + "\"}}";

        using var lines = await app.Client.ImportAsync(project, "{\"data\":{\"text\":\"small\"}}\n" + huge + "\n");
        using var array = await app.Client.ImportAsync(project, "[{\"data\":{\"text\":\"small\"}},\n" + huge + "]", "application/json");

        var lineProblem = await BadInputAssert.ProblemAsync(lines, HttpStatusCode.BadRequest);
        var arrayProblem = await BadInputAssert.ProblemAsync(array, HttpStatusCode.BadRequest);
        Assert.Equal(2, lineProblem["line"]!.GetValue<long>());
        Assert.Equal(2, arrayProblem["line"]!.GetValue<long>());
        Assert.Contains("larger", arrayProblem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("longer", lineProblem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await ImportTests.CountTasksAsync(app, project));
    }
}
