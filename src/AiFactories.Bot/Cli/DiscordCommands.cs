using System.Text.Json;
using AiFactories.Bot.Discord;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Discord.Rest;
using AiFactories.Bot.Discord.Security;
using AiFactories.Bot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Cli;

/// <summary>`serve [--urls URL]`: the HTTP interactions endpoint Discord calls.</summary>
internal sealed class ServeCommand : ICliCommand
{
    public bool NeedsDiscord => true;

    public string Name => "serve";

    public string Usage => "serve [--urls URL]             run the Discord interactions endpoint (POST /interactions, GET /healthz)";

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        string? urls = null;
        if (args.Count > 0)
        {
            if (args is not ["--urls", var value])
            {
                throw new UsageException("serve takes only --urls URL (for example --urls http://127.0.0.1:8080)");
            }

            urls = value;
        }

        var options = context.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        RequireSettings(options, nameof(DiscordOptions.ApplicationId), nameof(DiscordOptions.PublicKey));
        try
        {
            _ = new SignatureVerifier(options.PublicKey!, TimeSpan.FromSeconds(options.SignatureWindowSeconds), TimeProvider.System);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{DiscordOptions.Section}:PublicKey: {e.Message}");
        }

        // A broken corpus stops the start here, with the loader's message.
        _ = context.Knowledge.Current;
        await using var app = BotWebApplication.Create(context.Overrides, urls);
        await app.RunAsync();
        return CommandLine.Ok;
    }

    internal static void RequireSettings(DiscordOptions options, params string[] names)
    {
        var missing = options.Missing(names);
        if (missing.Count > 0)
        {
            throw new UsageException($"missing setting{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(" and ", missing)}: set {(missing.Count > 1 ? "them" : "it")} in appsettings.json, as environment variables ({missing[0].Replace(":", "__", StringComparison.Ordinal)}) or with dotnet user-secrets");
        }
    }
}

/// <summary>`register [--guild ID] [--print]`: bulk-overwrites the command set, or prints the body.</summary>
internal sealed class RegisterCommand : ICliCommand
{
    public bool NeedsDiscord => true;

    public string Name => "register";

    public string Usage => "register [--guild ID] [--print] register the slash commands (one guild: instant; --print: show the body)";

    public async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        string? guild = null;
        var print = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--print":
                    print = true;
                    break;
                case "--guild" when i + 1 < args.Count && args[i + 1].All(char.IsAsciiDigit) && args[i + 1].Length > 0:
                    guild = args[++i];
                    break;
                default:
                    throw new UsageException("register takes --guild ID (a numeric server id) and --print");
            }
        }

        var commands = context.Services.GetRequiredService<CommandRegistry>().ToApplicationCommands();
        if (print)
        {
            var json = JsonSerializer.Serialize(commands, DiscordJsonContext.Default.IReadOnlyListApplicationCommand);
            using var document = JsonDocument.Parse(json);
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions { WriteIndented = true }));
            return CommandLine.Ok;
        }

        var options = context.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        ServeCommand.RequireSettings(options, nameof(DiscordOptions.ApplicationId), nameof(DiscordOptions.BotToken));
        var client = context.Services.GetRequiredService<DiscordRestClient>();
        try
        {
            var count = await client.BulkOverwriteCommandsAsync(options.ApplicationId!, guild, commands, CancellationToken.None);
            await context.Output.WriteLineAsync(guild is null
                ? $"Registered {count} commands globally (Discord may take up to an hour to show them everywhere)."
                : $"Registered {count} commands in server {guild}.");
            return CommandLine.Ok;
        }
        catch (DiscordRestException e)
        {
            await context.Error.WriteLineAsync($"error: {CommandLine.OneLine(e.Message)}");
            return CommandLine.Failed;
        }
        catch (HttpRequestException e)
        {
            await context.Error.WriteLineAsync($"error: could not reach Discord at {options.ApiBaseUrl}: {CommandLine.OneLine(e.Message)}");
            return CommandLine.Failed;
        }
    }
}
