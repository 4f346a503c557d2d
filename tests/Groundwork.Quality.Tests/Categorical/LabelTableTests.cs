namespace Groundwork.Quality.Tests.Categorical;

public sealed class LabelTableTests
{
    [Fact]
    public void Build_InternsInFirstAppearanceOrder_AndSortsIntegerClassesNumerically()
    {
        var b = new LabelTableBuilder();
        b.Add("t2", "w1", "10");
        b.Add("t1", "w2", "2");
        b.Add("t2", "w2", "-1");
        var table = b.Build();

        Assert.Equal(2, table.TaskCount);
        Assert.Equal("t2", table.TaskName(0));
        Assert.Equal("t1", table.TaskName(1));
        Assert.Equal(["-1", "2", "10"], table.ClassNames);
        Assert.Equal([0, 2, 3], table.TaskOffsets.ToArray());
        Assert.Equal([2, 0, 1], table.LabelClasses.ToArray());
    }

    [Fact]
    public void Build_NonNumericClasses_AreOrdinal_AndDeclaredClassesKeepTheirOrder()
    {
        var b = new LabelTableBuilder(["zebra", "ant"]);
        b.Add("t", "w", "cat");
        b.Add("t", "v", "Bee");
        var table = b.Build();

        Assert.Equal(["zebra", "ant", "Bee", "cat"], table.ClassNames);
        Assert.Equal(0, table.ClassCounts[0]);
    }

    [Theory]
    [InlineData(DuplicateLabelPolicy.KeepLast, new[] { "b", "c" }, 2)]
    [InlineData(DuplicateLabelPolicy.KeepFirst, new[] { "a", "c" }, 2)]
    [InlineData(DuplicateLabelPolicy.KeepAll, new[] { "a", "c", "b" }, 3)]
    public void Build_RepeatedTaskWorkerPair_FollowsThePolicy(DuplicateLabelPolicy policy, string[] expected, int count)
    {
        var b = new LabelTableBuilder();
        b.Add("t", "w1", "a");
        b.Add("t", "w2", "c");
        b.Add("t", "w1", "b");
        var table = b.Build(policy);

        Assert.Equal(count, table.LabelCount);
        Assert.Equal(expected.Order(StringComparer.Ordinal), table.LabelClasses.ToArray().Select(table.ClassName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WorkerIndex_GroupsLabelsByWorker()
    {
        var b = new LabelTableBuilder();
        b.Add("t1", "w1", "a");
        b.Add("t1", "w2", "a");
        b.Add("t2", "w1", "b");
        var table = b.Build();

        Assert.Equal([0, 2, 3], table.WorkerOffsets.ToArray());
        Assert.Equal([0, 2, 1], table.WorkerLabels.ToArray());
    }

    [Fact]
    public void FromIndices_TaskWithoutLabels_Throws()
    {
        Assert.Throws<ArgumentException>(() => LabelTable.FromIndices(2, 1, 2, [0], [0], [1]));
    }
}
