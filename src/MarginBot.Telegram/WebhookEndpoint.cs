using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarginBot.Telegram;

/// <summary>
/// The webhook: Telegram posts each update here with the secret token in a header. A request with
/// the right secret is answered 200 once its update was handled, and also when the update is poison
/// (logged and skipped): any other answer makes Telegram deliver the same update again and again.
/// While the store fails it is answered 503, so that Telegram delivers it again later and nothing is
/// lost. A request without the right secret is not Telegram's and gets 401.
/// </summary>
internal static partial class WebhookEndpoint
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public static IEndpointRouteBuilder MapTelegramWebhook(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ServiceProvider.GetRequiredService<IOptions<TelegramOptions>>().Value;
        app.MapPost(options.Webhook.Path, HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, UpdatePipeline pipeline, StoreOutage outage, IOptions<TelegramOptions> options, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger(typeof(WebhookEndpoint).FullName!);
        if (!SecretMatches(context.Request.Headers[SecretHeader].ToString(), options.Value.Webhook.SecretToken))
        {
            LogWrongSecret(log, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Results.Unauthorized();
        }

        IncomingUpdate update;
        try
        {
            // Read as plain JSON first, then as an update: what the library cannot read is poison, answered 200 like the rest.
            using var body = await JsonDocument.ParseAsync(context.Request.Body, UpdateReader.DocumentOptions, context.RequestAborted);
            update = UpdateReader.Read(body.RootElement);
        }
        catch (JsonException e)
        {
            LogUnreadable(log, e.Message);
            return Results.Ok();
        }

        // Handled before answering, so Telegram redelivers what a crash interrupted; the pipeline never throws.
        if (await pipeline.HandleAsync(update, CancellationToken.None) is { } storeFailure)
        {
            // Not the update's fault: Telegram delivers it again later, when the store may work again.
            outage.Failed(storeFailure);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        if (!update.IsPoison)
        {
            outage.Works();
        }

        return Results.Ok();
    }

    private static bool SecretMatches(string given, string? expected) =>
        expected is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook call from {Remote} without the right secret token: refused")]
    private static partial void LogWrongSecret(ILogger log, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook call with an unreadable update: {Reason}")]
    private static partial void LogUnreadable(ILogger log, string reason);
}
