using System.CommandLine;

namespace Groundwork.Cli;

/// <summary>The <c>groundwork</c> command line: every verb, registered explicitly.</summary>
public static class GroundworkCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Groundwork: self-hosted data labeling, from raw data to training sets.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(AggregateCommand.Create());
        root.Subcommands.Add(AdminCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }
}
