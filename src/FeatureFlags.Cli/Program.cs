return await FeatureFlags.Cli.TogglesCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
