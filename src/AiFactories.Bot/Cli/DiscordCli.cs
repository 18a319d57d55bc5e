using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using AiFactories.Bot.Discord;
using AiFactories.Bot.Discord.Gateway;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Discord.Models;
using AiFactories.Bot.Discord.Rest;
using AiFactories.Bot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Cli;

/// <summary>The commands that speak to Discord: `serve`, `register` and `gateway`.</summary>
internal static class DiscordCli
{
    public static Command Serve(CliRuntime runtime)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:8080 (default: the Urls setting, then http://localhost:8080)" };
        var command = new Command("serve", "Run the Discord interactions endpoint: POST /interactions, GET /healthz") { urls };
        command.SetAction((parsed, _) => runtime.ServeAsync(() => BotWebApplication.Create(runtime.Settings, parsed.GetValue(urls))));
        return command;
    }

    public static Command Register(CliRuntime runtime)
    {
        var guild = new Option<string?>("--guild") { Description = "A server id: register there only (instant); without it, globally" };
        var print = new Option<bool>("--print") { Description = "Print the registration body instead of sending it" };
        var command = new Command("register", "Register the bot's commands with Discord (bulk overwrite)") { guild, print };
        command.SetAction((parsed, _) => runtime.RunAsync(discord: true, async context =>
        {
            var server = parsed.GetValue(guild);
            if (server is not null && (server.Length == 0 || !server.All(char.IsAsciiDigit)))
            {
                throw CommandLine.Usage("--guild takes a numeric server id", "register");
            }

            var commands = context.Services.GetRequiredService<CommandRegistry>().ToApplicationCommands();
            if (parsed.GetValue(print))
            {
                var indented = new ArrayBufferWriter<byte>();
                using (var writer = new Utf8JsonWriter(indented, new JsonWriterOptions { Indented = true }))
                {
                    JsonSerializer.Serialize(writer, commands, DiscordJsonContext.Default.IReadOnlyListApplicationCommand);
                }

                await context.Output.WriteLineAsync(Encoding.UTF8.GetString(indented.WrittenSpan));
                return CommandLine.Ok;
            }

            var options = context.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
            if (DiscordSettingsCheck.Problems(options, nameof(DiscordOptions.ApplicationId), nameof(DiscordOptions.BotToken)) is [var problem, ..])
            {
                throw new UsageException(problem);
            }

            try
            {
                var count = await context.Services.GetRequiredService<IDiscordRest>().BulkOverwriteCommandsAsync(options.ApplicationId!, server, commands, CancellationToken.None);
                await context.Output.WriteLineAsync(server is null
                    ? $"Registered {count} commands globally (Discord may take up to an hour to show them everywhere)."
                    : $"Registered {count} commands in server {server}.");
                return CommandLine.Ok;
            }
            catch (DiscordRestException e)
            {
                await context.Error.WriteLineAsync($"error: {CliRuntime.OneLine(e.Message)}");
                return CommandLine.Failed;
            }
            catch (HttpRequestException e)
            {
                await context.Error.WriteLineAsync($"error: could not reach Discord at {options.ApiBaseUrl}: {CliRuntime.OneLine(e.Message)}");
                return CommandLine.Failed;
            }
        }));
        return command;
    }

    public static Command Gateway(CliRuntime runtime)
    {
        var command = new Command("gateway", "Run the bot over Discord's gateway: no public URL needed; answers mentions too");
        command.SetAction((_, _) => runtime.ServeAsync(() => GatewayHost.Create(runtime.Settings), async services =>
        {
            if (services.GetRequiredService<GatewayService>().Fatal is { } fatal)
            {
                await runtime.Error.WriteLineAsync($"error: {fatal}");
                return CommandLine.Failed;
            }

            return CommandLine.Ok;
        }));
        return command;
    }
}
