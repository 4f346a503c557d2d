using System.CommandLine;
using System.Globalization;
using System.Text;
using Groundwork.Quality;
using Groundwork.Quality.Csv;

namespace Groundwork.Cli;

/// <summary>
/// <c>groundwork aggregate</c>: truth inference on any CSV of <c>task,worker,label</c> rows, written as
/// <c>task,label,confidence</c>; with <c>--gold</c> it reports accuracy against known answers.
/// </summary>
public static class AggregateCommand
{
    public static Command Create()
    {
        var method = new Option<string>("--method", "-m") { Description = "Method name (see --list)", DefaultValueFactory = _ => "ds" };
        var input = new Option<FileInfo?>("--input", "-i") { Description = "CSV with columns task,worker,label" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to write task,label,confidence (default: standard output)" };
        var gold = new Option<FileInfo?>("--gold") { Description = "CSV with columns task,label: report accuracy against it" };
        var list = new Option<bool>("--list") { Description = "List the methods and exit" };
        var command = new Command("aggregate", "Infer true labels from several annotators' labels");
        command.Options.Add(method);
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(gold);
        command.Options.Add(list);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(list))
            {
                foreach (var m in AggregationCatalogue.All)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Name,-9}{m.Description}"));
                }

                return 0;
            }

            var name = parse.GetValue(method)!;
            if (!AggregationCatalogue.TryGet(name, out var chosen))
            {
                await Console.Error.WriteLineAsync($"error: unknown method '{name}'; one of: {string.Join(", ", AggregationCatalogue.All.Select(m => m.Name))}");
                return 2;
            }

            if (parse.GetValue(input) is not { Exists: true } inputFile)
            {
                await Console.Error.WriteLineAsync("error: --input must name an existing CSV file with columns task,worker,label");
                return 2;
            }

            CsvResult<LabelTable> read;
            using (var reader = new StreamReader(inputFile.FullName, Encoding.UTF8))
            {
                read = LabelCsv.ReadLabels(reader);
            }

            if (!read.Succeeded)
            {
                await Console.Error.WriteLineAsync($"error: {inputFile.Name}: {read.Error}");
                return 1;
            }

            var table = read.Value!;
            var result = chosen!.Run(table);
            if (parse.GetValue(output) is { } outputFile)
            {
                await using var writer = new StreamWriter(outputFile.FullName, false, new UTF8Encoding(false));
                LabelCsv.WriteConsensus(writer, table, result);
            }
            else
            {
                LabelCsv.WriteConsensus(Console.Out, table, result);
            }

            if (parse.GetValue(gold) is { } goldFile)
            {
                using var goldReader = new StreamReader(goldFile.FullName, Encoding.UTF8);
                var goldRead = LabelCsv.ReadGold(goldReader);
                if (!goldRead.Succeeded)
                {
                    await Console.Error.WriteLineAsync($"error: {goldFile.Name}: {goldRead.Error}");
                    return 1;
                }

                var accuracy = GoldAccuracy.Measure(table, result, goldRead.Value!);
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{chosen.Name}: accuracy {accuracy.Accuracy:F4} on {accuracy.Scored} gold tasks ({accuracy.Correct} correct)"));
            }

            return 0;
        });
        return command;
    }
}
