using AiFactories.Bot.Discord;
using AiFactories.Bot.Discord.Interactions;
using AiFactories.Bot.Feedback;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFactories.Bot.Commands;

public static class BotCommandsServiceCollectionExtensions
{
    /// <summary>The Discord layer with the bot's slash commands, context-menu command, button handlers and mention handler.</summary>
    public static IServiceCollection AddBotCommands(this IServiceCollection services)
    {
        services.AddDiscord();
        services.AddSingleton<BotTexts>();
        services.Replace(ServiceDescriptor.Singleton<IInteractionTexts>(provider => provider.GetRequiredService<BotTexts>()));
        services.AddSingleton<AnswerResponder>();
        services.AddInteractionCommand<AskCommand>();
        services.AddInteractionCommand<SiteCommand>();
        services.AddInteractionCommand<SitesCommand>();
        services.AddSingleton<SearchCommand>();
        services.AddSingleton<IInteractionCommand>(provider => provider.GetRequiredService<SearchCommand>());
        services.AddSingleton<IComponentHandler>(provider => provider.GetRequiredService<SearchCommand>());
        services.AddInteractionCommand<SourcesCommand>();
        services.AddInteractionCommand<HelpCommand>();
        services.AddInteractionCommand<ReloadCommand>();
        services.AddInteractionCommand<AskMessageCommand>();
        services.AddComponentHandler<PostToChannelHandler>();
        services.AddMentionHandler<AskMentionHandler>();

        // Feedback: vote buttons under answers, the "what was missing" form, /gaps and /stats.
        services.AddSingleton(provider => VoteKeys.Create(
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<StoreOptions>>().Value,
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DiscordOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RecentVoters>();
        services.AddSingleton(provider => new FeedbackReports(provider.GetRequiredService<IFeedbackStore>(), provider.GetRequiredService<Answering.QuestionAnswerer>(), provider.GetRequiredService<TimeProvider>()));
        services.AddComponentHandler<VoteButtonHandler>();
        services.AddComponentHandler<MissingNoteHandler>();
        services.AddInteractionCommand<GapsCommand>();
        services.AddInteractionCommand<StatsCommand>();
        return services;
    }
}
