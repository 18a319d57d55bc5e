using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Answering;

public static class AnsweringServiceCollectionExtensions
{
    /// <summary>The knowledge layer (options bound from "Knowledge" and validated at start) and the one answer path.</summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>();
        services.AddSingleton<KnowledgeProvider>();
        services.AddSingleton<QuestionAnswerer>();
        return services;
    }

    /// <summary>For a long-running bot: the corpus loaded at start (a broken one stops the start) and reloaded on SIGHUP.</summary>
    public static IServiceCollection AddKnowledgeServing(this IServiceCollection services)
    {
        services.AddKnowledge();
        services.AddHostedService<KnowledgeWarmup>();
        services.AddHostedService<ReloadSignal>();
        return services;
    }
}
