using System.Diagnostics;

namespace AiFactories.Bot.Bench;

/// <summary>How the bot is started: a .dll through the dotnet host, anything else (a self-contained publish's executable) directly.</summary>
public static class Launch
{
    public static ProcessStartInfo Of(string? executable, params string[] arguments)
    {
        var path = executable ?? Path.Combine(AppContext.BaseDirectory, "aifactories-bot.dll");
        var start = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? new ProcessStartInfo("dotnet") { ArgumentList = { path } } : new ProcessStartInfo(path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
