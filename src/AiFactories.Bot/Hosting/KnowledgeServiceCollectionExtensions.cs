using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFactories.Bot.Hosting;

public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>Registers the knowledge layer with its options bound from "Knowledge" and validated at start.</summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>();
        services.AddSingleton<KnowledgeProvider>();
        return services;
    }
}
