using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarginBot.Telegram.Tests;

/// <summary>One call the bot made, as the server saw it.</summary>
/// <param name="Method">The Bot API method, such as sendMessage.</param>
/// <param name="Parameters">Its parameters as JSON (multipart fields included; a file becomes "file:name:bytes").</param>
/// <param name="At">When it arrived.</param>
/// <param name="Status">The HTTP status answered; 0 when the connection was dropped.</param>
internal sealed record ApiCall(string Method, JsonObject Parameters, DateTimeOffset At, int Status)
{
    public bool Ok => Status == 200;

    public long? ChatId => Parameters["chat_id"] is { } c ? long.Parse(c.ToString(), CultureInfo.InvariantCulture) : null;

    public string? Text => (string?)Parameters["text"] ?? (string?)Parameters["caption"];

    public int? MessageId => Parameters["message_id"] is { } m ? int.Parse(m.ToString(), CultureInfo.InvariantCulture) : null;

    public string? ParseMode => (string?)Parameters["parse_mode"];

    public bool IsSend => Method is "sendMessage" or "sendPhoto";

    public bool IsEdit => Method is "editMessageText";
}

/// <summary>A message of the bot as the chat shows it now, edits applied.</summary>
internal sealed record BotMessage(long ChatId, int MessageId, string Text, IReadOnlyList<(string Label, string Data)> Buttons, bool IsPhoto);

/// <summary>What the server does to matching calls instead of (or before) answering them.</summary>
internal enum FaultKind
{
    /// <summary>429 with parameters.retry_after.</summary>
    TooManyRequests,

    /// <summary>500 Internal Server Error.</summary>
    ServerError,

    /// <summary>Waits <see cref="Fault.Delay"/>, then answers normally.</summary>
    Slow,

    /// <summary>Closes the connection without an answer.</summary>
    Drop,

    /// <summary>400 with parameters.migrate_to_chat_id: the group became a supergroup.</summary>
    Migrate,
}

/// <summary>A fault for the next <see cref="Times"/> calls of <see cref="Method"/> (to <see cref="ChatId"/> when set).</summary>
internal sealed record Fault(string Method, FaultKind Kind, int Times = 1, long? ChatId = null, int RetryAfter = 1, TimeSpan Delay = default, long MigrateTo = 0)
{
    public int Remaining { get; set; } = Times;
}

/// <summary>
/// A Bot API server for the tests, on 127.0.0.1 and a free port, speaking Telegram's JSON: getMe,
/// getUpdates (long poll with offset semantics, idle polls answered within <see cref="IdlePoll"/>),
/// sendMessage, editMessageText, editMessageReplyMarkup, answerCallbackQuery, sendPhoto (multipart),
/// setMyCommands, answerInlineQuery, deleteWebhook, setWebhook. It checks HTML as Telegram does
/// (allowed tags, balanced, entities), records every call, and injects faults on request.
/// Simulated users add updates with <see cref="UserSays"/>, <see cref="UserPresses"/> and friends.
/// </summary>
internal sealed partial class FakeBotApi : IAsyncDisposable
{
    public const string Token = "123456:TEST";
    public const long BotId = 123456;
    public const string BotUsername = "MarginBot";


    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<ApiCall> _calls = [];
    private readonly List<JsonObject> _pending = [];
    private readonly Dictionary<int, JsonObject> _history = [];
    private readonly Dictionary<int, string> _raw = [];
    private readonly List<(long Chat, int MessageId, string Label, string Data)> _shownButtons = [];
    private readonly Dictionary<long, int> _nextMessageId = [];
    private readonly Dictionary<(long Chat, int Id), JsonObject> _messages = [];
    private readonly Dictionary<long, string> _chatTypes = [];
    private readonly List<Fault> _faults = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextUpdateId = 500;
    private int _confirmedBelow;
    private int _nextQueryId = 1;

    private FakeBotApi(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>How long an idle getUpdates is held before an empty answer, whatever timeout the bot asked for.</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Decides a fault for a call (method, chat id) that no injected <see cref="Fault"/> matched; null for none. For fault storms.</summary>
    public Func<string, long?, Fault?>? Chaos { get; set; }

    /// <summary>Every call so far, in arrival order.</summary>
    public IReadOnlyList<ApiCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The highest update id confirmed by a later getUpdates offset, plus one.</summary>
    public int ConfirmedBelow
    {
        get
        {
            lock (_gate)
            {
                return _confirmedBelow;
            }
        }
    }

    public static async Task<FakeBotApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeBotApi(app);
        app.Map("/bot{token}/{method}", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public void Inject(Fault fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }

    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    // ---- simulated users -------------------------------------------------------------------

    /// <summary>A user types <paramref name="text"/>; a negative chat id is a group. Returns the update id.</summary>
    public int UserSays(long chatId, long userId, string text, string firstName = "Alice")
    {
        lock (_gate)
        {
            var message = new JsonObject
            {
                ["message_id"] = NextMessageId(chatId),
                ["from"] = UserJson(userId, firstName),
                ["chat"] = ChatJson(chatId, firstName),
                ["date"] = Now(),
                ["text"] = text,
            };
            if (text.StartsWith('/'))
            {
                var length = text.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? space : text.Length;
                message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = length });
            }

            return AddUpdate("message", message);
        }
    }

    /// <summary>A user presses the button with <paramref name="data"/> under the bot's message. Returns the update id.</summary>
    public int UserPresses(long chatId, long userId, int messageId, string data, string firstName = "Alice")
    {
        lock (_gate)
        {
            var message = _messages.TryGetValue((chatId, messageId), out var m)
                ? (JsonObject)m.DeepClone()
                : throw new InvalidOperationException($"no bot message {messageId} in chat {chatId}");
            var query = new JsonObject
            {
                ["id"] = (_nextQueryId++).ToString(CultureInfo.InvariantCulture),
                ["from"] = UserJson(userId, firstName),
                ["message"] = message,
                ["chat_instance"] = "ci" + chatId.ToString(CultureInfo.InvariantCulture),
                ["data"] = data,
            };
            return AddUpdate("callback_query", query);
        }
    }

    /// <summary>A user types <c>@MarginBot query</c> in any chat. Returns the update id.</summary>
    public int UserTypesInline(long userId, string query, string firstName = "Alice")
    {
        lock (_gate)
        {
            var inline = new JsonObject
            {
                ["id"] = "iq" + (_nextQueryId++).ToString(CultureInfo.InvariantCulture),
                ["from"] = UserJson(userId, firstName),
                ["query"] = query,
                ["offset"] = string.Empty,
            };
            return AddUpdate("inline_query", inline);
        }
    }

    /// <summary>Someone adds the bot to group <paramref name="chatId"/>. Returns the update id.</summary>
    public int BotAddedToGroup(long chatId, long byUserId)
    {
        lock (_gate)
        {
            var change = new JsonObject
            {
                ["chat"] = ChatJson(chatId, "Alice"),
                ["from"] = UserJson(byUserId, "Alice"),
                ["date"] = Now(),
                ["old_chat_member"] = new JsonObject { ["user"] = BotJson(), ["status"] = "left" },
                ["new_chat_member"] = new JsonObject { ["user"] = BotJson(), ["status"] = "member" },
            };
            return AddUpdate("my_chat_member", change);
        }
    }

    /// <summary>
    /// An update as raw JSON, as a broken or hostile sender could send it (missing fields, wrong types,
    /// lone surrogates, any depth); <c>{id}</c> in <paramref name="json"/> becomes its update id.
    /// Returns that id; getUpdates hands the text over as it is, within the batch's JSON array.
    /// </summary>
    public int AddRawUpdate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        lock (_gate)
        {
            var id = AddUpdate("raw", new JsonObject());
            _raw[id] = json.Replace("{id}", id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            return id;
        }
    }

    /// <summary>Runs <paramref name="users"/> (several users acting) so that one getUpdates answer holds all their updates.</summary>
    public void Together(Action users)
    {
        ArgumentNullException.ThrowIfNull(users);
        lock (_gate)
        {
            users();
        }
    }

    /// <summary>The id the next update will get.</summary>
    public int NextUpdateId
    {
        get
        {
            lock (_gate)
            {
                return _nextUpdateId;
            }
        }
    }

    /// <summary>Delivers an update again, as Telegram does with a batch that was in flight when the bot crashed.</summary>
    public void Redeliver(int updateId)
    {
        lock (_gate)
        {
            _pending.Add((JsonObject)_history[updateId].DeepClone());
            Signal();
        }
    }

    // ---- what the chats show ---------------------------------------------------------------

    /// <summary>The bot's messages in a chat as they look now, oldest first.</summary>
    public IReadOnlyList<BotMessage> MessagesIn(long chatId)
    {
        lock (_gate)
        {
            return [.. _messages.Where(m => m.Key.Chat == chatId && m.Value["from"]?["id"]?.GetValue<long>() == BotId)
                .OrderBy(m => m.Key.Id)
                .Select(m => ToBotMessage(m.Value))];
        }
    }

    /// <summary>The newest bot message in the chat with a button labelled <paramref name="label"/>.</summary>
    public (int MessageId, string Data) Button(long chatId, string label)
    {
        foreach (var message in MessagesIn(chatId).Reverse())
        {
            foreach (var (l, data) in message.Buttons)
            {
                if (string.Equals(l, label, StringComparison.OrdinalIgnoreCase))
                {
                    return (message.MessageId, data);
                }
            }
        }

        throw new InvalidOperationException($"no bot message in chat {chatId} has a button '{label}'; buttons: "
            + string.Join(" | ", MessagesIn(chatId).SelectMany(m => m.Buttons).Select(b => b.Label)));
    }

    /// <summary>
    /// The newest message in the chat that ever showed a button labelled <paramref name="label"/>, even
    /// if an edit took it off since (a transcript may press an old button on purpose); null when none did.
    /// </summary>
    public (int MessageId, string Data)? ButtonEverShown(long chatId, string label)
    {
        lock (_gate)
        {
            for (var i = _shownButtons.Count - 1; i >= 0; i--)
            {
                var b = _shownButtons[i];
                if (b.Chat == chatId && string.Equals(b.Label, label, StringComparison.OrdinalIgnoreCase))
                {
                    return (b.MessageId, b.Data);
                }
            }

            return null;
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking after every call; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (condition())
            {
                return;
            }

            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds} s for {what}; calls: "
                    + string.Join(", ", Calls.Select(c => c.Method + (c.Ok ? string.Empty : "!" + c.Status.ToString(CultureInfo.InvariantCulture)))));
            }

            await Task.WhenAny(changed, Task.Delay(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200)));
        }
    }

    // ---- the server ------------------------------------------------------------------------

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static JsonObject BotJson() => new()
    {
        ["id"] = BotId,
        ["is_bot"] = true,
        ["first_name"] = "MarginBot",
        ["username"] = BotUsername,
    };

    private static JsonObject UserJson(long id, string firstName) => new()
    {
        ["id"] = id,
        ["is_bot"] = false,
        ["first_name"] = firstName,
        ["language_code"] = "en",
    };

    private static IResult Json(int status, JsonObject body) => Results.Text(body.ToJsonString(), "application/json", statusCode: status);

    private static IResult Answer(JsonNode? result) => Json(200, new JsonObject { ["ok"] = true, ["result"] = result });

    private static IResult Error(int code, string description, JsonObject? parameters = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (parameters is not null)
        {
            body["parameters"] = parameters;
        }

        return Json(code, body);
    }

    private static BotMessage ToBotMessage(JsonObject message)
    {
        var buttons = new List<(string, string)>();
        if (message["reply_markup"]?["inline_keyboard"] is JsonArray rows)
        {
            foreach (var row in rows.OfType<JsonArray>())
            {
                foreach (var button in row.OfType<JsonObject>())
                {
                    buttons.Add(((string)button["text"]!, (string?)button["callback_data"] ?? string.Empty));
                }
            }
        }

        return new BotMessage(
            message["chat"]!["id"]!.GetValue<long>(),
            message["message_id"]!.GetValue<int>(),
            (string?)message["text"] ?? (string?)message["caption"] ?? string.Empty,
            buttons,
            message["photo"] is not null);
    }

    /// <summary>Telegram's HTML rules (the test kit's one checker): the first problem, or null when fine.</summary>
    private static string? HtmlProblem(string text) => global::MarginBot.TestKit.TelegramHtml.Problems(text) is [var first, ..] ? first : null;

    private int NextMessageId(long chatId)
    {
        var id = _nextMessageId.GetValueOrDefault(chatId, 100) + 1;
        _nextMessageId[chatId] = id;
        return id;
    }

    private JsonObject ChatJson(long chatId, string firstName)
    {
        var type = _chatTypes.GetValueOrDefault(chatId) ?? (chatId > 0 ? "private" : chatId <= -1_000_000_000_000 ? "supergroup" : "group");
        _chatTypes[chatId] = type;
        return type == "private"
            ? new JsonObject { ["id"] = chatId, ["type"] = type, ["first_name"] = firstName }
            : new JsonObject { ["id"] = chatId, ["type"] = type, ["title"] = "Traders" };
    }

    private int AddUpdate(string kind, JsonObject payload)
    {
        var id = _nextUpdateId++;
        var update = new JsonObject { ["update_id"] = id, [kind] = payload };
        _pending.Add(update);
        _history[id] = update;
        Signal();
        return id;
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private void Record(string method, JsonObject parameters, int status)
    {
        lock (_gate)
        {
            _calls.Add(new ApiCall(method, parameters, DateTimeOffset.UtcNow, status));
            Signal();
        }
    }

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        var parameters = await ReadParametersAsync(context.Request);
        if (token != Token)
        {
            Record(method, parameters, 401);
            await Error(401, "Unauthorized").ExecuteAsync(context);
            return;
        }

        var chatId = parameters["chat_id"] is { } c && long.TryParse(c.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : (long?)null;
        Fault? fault;
        lock (_gate)
        {
            fault = _faults.FirstOrDefault(f => f.Remaining > 0 && (f.Method == "*" || f.Method == method) && (f.ChatId is null || f.ChatId == chatId));
            if (fault is not null && fault.Kind != FaultKind.Migrate)
            {
                fault.Remaining--;
            }
        }

        fault ??= Chaos?.Invoke(method, chatId);

        switch (fault?.Kind)
        {
            case FaultKind.Drop:
                Record(method, parameters, 0);
                context.Abort();
                return;
            case FaultKind.TooManyRequests:
                Record(method, parameters, 429);
                await Error(429, $"Too Many Requests: retry after {fault.RetryAfter}", new JsonObject { ["retry_after"] = fault.RetryAfter }).ExecuteAsync(context);
                return;
            case FaultKind.ServerError:
                Record(method, parameters, 500);
                await Error(500, "Internal Server Error").ExecuteAsync(context);
                return;
            case FaultKind.Migrate:
                Record(method, parameters, 400);
                await Error(400, "Bad Request: group chat was upgraded to a supergroup chat", new JsonObject { ["migrate_to_chat_id"] = fault.MigrateTo }).ExecuteAsync(context);
                return;
            case FaultKind.Slow:
                await Task.Delay(fault.Delay, context.RequestAborted);
                break;
        }

        var (status, result) = method == "getUpdates" ? (200, await GetUpdatesAsync(parameters, context.RequestAborted)) : Dispatch(method, parameters);
        Record(method, parameters, status);
        await result.ExecuteAsync(context);
    }

    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
    {
        var parameters = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
            {
                var text = value.ToString();
                parameters[key] = text.StartsWith('{') || text.StartsWith('[') ? JsonNode.Parse(text) : text;
            }

            foreach (var file in form.Files)
            {
                var description = $"file:{file.FileName}:{file.Length.ToString(CultureInfo.InvariantCulture)}";
                parameters[file.Name] = description;

                // Telegram.Bot names the part and points at it with attach://name, as the Bot API allows.
                foreach (var key in parameters.Where(p => (string?)(p.Value as JsonValue) == "attach://" + file.Name).Select(p => p.Key).ToList())
                {
                    parameters[key] = description;
                }
            }
        }
        else if (request.ContentLength is not 0)
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            if (body.Length > 0 && JsonNode.Parse(body) is JsonObject json)
            {
                foreach (var (key, value) in json)
                {
                    parameters[key] = value?.DeepClone();
                }
            }
        }

        return parameters;
    }

    private async Task<IResult> GetUpdatesAsync(JsonObject parameters, CancellationToken aborted)
    {
        var offset = parameters["offset"] is { } o ? int.Parse(o.ToString(), CultureInfo.InvariantCulture) : (int?)null;
        var limit = parameters["limit"] is { } l ? int.Parse(l.ToString(), CultureInfo.InvariantCulture) : 100;
        var timeout = parameters["timeout"] is { } t ? TimeSpan.FromSeconds(int.Parse(t.ToString(), CultureInfo.InvariantCulture)) : TimeSpan.Zero;
        var deadline = DateTimeOffset.UtcNow + (timeout < IdlePoll ? timeout : IdlePoll);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (offset is { } confirmed)
                {
                    // Telegram's offset: every update below it is confirmed and forgotten.
                    _pending.RemoveAll(u => u["update_id"]!.GetValue<int>() < confirmed);
                    if (confirmed > _confirmedBelow)
                    {
                        _confirmedBelow = confirmed;
                        Signal();
                    }
                }

                if (_pending.Count > 0)
                {
                    var updates = _pending.Take(limit).Select(u => _raw.TryGetValue(u["update_id"]!.GetValue<int>(), out var raw) ? raw : u.ToJsonString());
                    return Results.Text("{\"ok\":true,\"result\":[" + string.Join(",", updates) + "]}", "application/json", statusCode: 200);
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return Answer(new JsonArray());
            }

            try
            {
                await Task.WhenAny(changed, Task.Delay(left, aborted));
            }
            catch (OperationCanceledException)
            {
                return Answer(new JsonArray());
            }

            aborted.ThrowIfCancellationRequested();
        }
    }

    private (int Status, IResult Result) Dispatch(string method, JsonObject p)
    {
        lock (_gate)
        {
            switch (method)
            {
                case "getMe":
                    var me = BotJson();
                    me["can_join_groups"] = true;
                    me["can_read_all_group_messages"] = false;
                    me["supports_inline_queries"] = true;
                    return (200, Answer(me));
                case "setMyCommands" or "deleteWebhook" or "setWebhook" or "answerCallbackQuery" or "answerInlineQuery":
                    return (200, Answer(true));
                case "sendMessage" or "sendPhoto":
                    return Send(p, method == "sendPhoto");
                case "editMessageText" or "editMessageReplyMarkup":
                    return Edit(p, method == "editMessageText");
                default:
                    return (404, Error(404, "Not Found"));
            }
        }
    }

    private (int, IResult) Send(JsonObject p, bool photo)
    {
        var chatId = long.Parse(p["chat_id"]!.ToString(), CultureInfo.InvariantCulture);
        var text = (string?)p[photo ? "caption" : "text"] ?? string.Empty;
        if (!photo && text.Length == 0)
        {
            return (400, Error(400, "Bad Request: message text is empty"));
        }

        if (Problem(p, text, photo ? 1024 : 4096) is { } problem)
        {
            return (400, Error(400, problem));
        }

        var message = new JsonObject
        {
            ["message_id"] = NextMessageId(chatId),
            ["from"] = BotJson(),
            ["chat"] = ChatJson(chatId, "Alice"),
            ["date"] = Now(),
        };
        if (photo)
        {
            message["photo"] = new JsonArray(new JsonObject { ["file_id"] = "photo1", ["file_unique_id"] = "u1", ["width"] = 900, ["height"] = 560 });
            if (text.Length > 0)
            {
                message["caption"] = text;
            }
        }
        else
        {
            message["text"] = text;
        }

        if (p["reply_markup"] is JsonObject markup)
        {
            message["reply_markup"] = markup.DeepClone();
        }

        _messages[(chatId, message["message_id"]!.GetValue<int>())] = message;
        Shown(message);
        return (200, Answer(message.DeepClone()));
    }

    private (int, IResult) Edit(JsonObject p, bool text)
    {
        var chatId = long.Parse(p["chat_id"]!.ToString(), CultureInfo.InvariantCulture);
        var messageId = int.Parse(p["message_id"]!.ToString(), CultureInfo.InvariantCulture);
        if (!_messages.TryGetValue((chatId, messageId), out var message))
        {
            return (400, Error(400, "Bad Request: message to edit not found"));
        }

        var newText = text ? (string?)p["text"] ?? string.Empty : (string?)message["text"];
        if (text && Problem(p, newText!, 4096) is { } problem)
        {
            return (400, Error(400, problem));
        }

        var newMarkup = p["reply_markup"] as JsonObject;
        var sameText = (string?)message["text"] == newText;
        var sameMarkup = JsonNode.DeepEquals(message["reply_markup"], newMarkup)
            || (newMarkup is null && message["reply_markup"] is null);
        if (sameText && sameMarkup)
        {
            return (400, Error(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"));
        }

        message["text"] = newText;
        message["edit_date"] = Now();
        if (newMarkup is null)
        {
            message.Remove("reply_markup");
        }
        else
        {
            message["reply_markup"] = newMarkup.DeepClone();
        }

        Shown(message);
        return (200, Answer(message.DeepClone()));
    }

    private void Shown(JsonObject message)
    {
        var shown = ToBotMessage(message);
        foreach (var (label, data) in shown.Buttons)
        {
            _shownButtons.Add((shown.ChatId, shown.MessageId, label, data));
        }
    }

    private static string? Problem(JsonObject p, string text, int maxLength)
    {
        if (text.Length > maxLength)
        {
            return maxLength == 4096 ? "Bad Request: message is too long" : "Bad Request: message caption is too long";
        }

        // Telegram.Bot sends "Html"; Telegram reads parse_mode case-insensitively.
        var parseMode = (string?)p["parse_mode"];
        if (string.Equals(parseMode, "html", StringComparison.OrdinalIgnoreCase) && HtmlProblem(text) is { } problem)
        {
            return "Bad Request: can't parse entities: " + problem;
        }

        return null;
    }
}
