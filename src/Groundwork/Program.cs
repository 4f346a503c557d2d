using Groundwork.Cli;

return await GroundworkCli.Create().Parse(args).InvokeAsync();
