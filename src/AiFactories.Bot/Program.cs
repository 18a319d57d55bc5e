using AiFactories.Bot.Cli;

Console.OutputEncoding = System.Text.Encoding.UTF8;
return await CommandLine.RunAsync(args, Console.In, Console.Out, Console.Error);
