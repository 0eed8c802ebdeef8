using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gitmoxi.TestSupport;

namespace Gitmoxi.Action.Tests.Support;

/// <summary>
/// GitHub's REST API for issue comments, a pull request's files and a repository's contents on loopback, with
/// state: one repository, its pull requests with their comments and changed files, and file contents by commit. Lists are paged as GitHub pages them (<c>per_page</c> up to 100, <c>page</c>, a <c>Link</c> header with
/// <c>next</c> and <c>last</c>); an unknown pull request is a 404. <see cref="Refuse"/> answers every request with an
/// error status instead, as GitHub does for a token without the permission.
/// </summary>
internal sealed partial class FakeGitHubApi : IDisposable
{
    public sealed record Request(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

    public sealed record Comment(long Id, string Body);

    /// <summary>An item of a pull request's files list, as GitHub gives it.</summary>
    public sealed record ChangedFile(string Filename, string Status, string? PreviousFilename = null);

    /// <summary>GitHub's cap on a pull request's files list.</summary>
    public const int MaxListedFiles = 3000;

    private readonly LoopbackListener _listener;
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly Dictionary<long, List<Comment>> _comments = [];
    private readonly Dictionary<long, List<ChangedFile>> _files = [];
    private readonly Dictionary<(string Sha, string Path), byte[]> _contents = [];
    private readonly Lock _gate = new();
    private long _nextId = 1000;

    public FakeGitHubApi(string repository, params long[] pullRequests)
    {
        Repository = repository;
        foreach (var number in pullRequests)
        {
            _comments[number] = [];
        }

        // Answered concurrently: a delayed answer (a timeout test) must not hold up the next request.
        _listener = new LoopbackListener(context =>
        {
            _ = Task.Run(() => AnswerAsync(context));
            return Task.CompletedTask;
        });
    }

    /// <summary>GITHUB_API_URL: no trailing slash, as the runner sets it.</summary>
    public string BaseUrl => _listener.BaseUrl.TrimEnd('/');

    public string Repository { get; }

    /// <summary>When set, every request is answered with this status and GitHub's error body.</summary>
    public (HttpStatusCode Status, string Message)? Refuse { get; set; }

    /// <summary>The origin the <c>Link</c> header's page URLs start with; the fake's own unless set.</summary>
    public string? LinkBase { get; set; }

    /// <summary>How long to wait before answering (for timeouts).</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyList<Request> Requests => [.. _requests];

    public IReadOnlyList<Comment> Comments(long pullRequest)
    {
        lock (_gate)
        {
            return [.. _comments[pullRequest]];
        }
    }

    /// <summary>A comment someone else wrote.</summary>
    public long Seed(long pullRequest, string body)
    {
        lock (_gate)
        {
            var id = ++_nextId;
            _comments[pullRequest].Add(new Comment(id, body));
            return id;
        }
    }

    /// <summary>The files the pull request changes, listed (up to GitHub's cap) in this order.</summary>
    public void SetFiles(long pullRequest, IEnumerable<ChangedFile> files)
    {
        lock (_gate)
        {
            _files[pullRequest] = [.. files];
        }
    }

    /// <summary>A file as it is at a commit, served by the contents API.</summary>
    public void SetContent(string sha, string path, string content)
    {
        lock (_gate)
        {
            _contents[(sha, path)] = Encoding.UTF8.GetBytes(content);
        }
    }

    public void Dispose() => _listener.Dispose();

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var headers = context.Request.Headers.AllKeys.OfType<string>()
            .ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
        var request = new Request(context.Request.HttpMethod, context.Request.RawUrl ?? "", headers, await reader.ReadToEndAsync());
        _requests.Enqueue(request);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        var (status, body, link) = Refuse is { } refusal ? (refusal.Status, Error(refusal.Status, refusal.Message), null) : Handle(request);
        try
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = (int)status;
            context.Response.ContentType = "application/json; charset=utf-8";
            if (link is not null)
            {
                context.Response.AddHeader("Link", link);
            }

            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // The client gave up (a timeout test).
        }
    }

    private (HttpStatusCode Status, string Body, string? Link) Handle(Request request)
    {
        var path = request.PathAndQuery.Split('?')[0];
        var query = System.Web.HttpUtility.ParseQueryString(request.PathAndQuery.Contains('?') ? request.PathAndQuery.Split('?')[1] : "");
        lock (_gate)
        {
            if (ListPattern().Match(path) is { Success: true } list && list.Groups["repo"].Value == Repository
                && _comments.TryGetValue(long.Parse(list.Groups["n"].Value, CultureInfo.InvariantCulture), out var comments))
            {
                if (request.Method == "GET")
                {
                    return Page(path, query, comments.Select(Json));
                }

                if (request.Method == "POST")
                {
                    var comment = new Comment(++_nextId, BodyOf(request));
                    comments.Add(comment);
                    return (HttpStatusCode.Created, Json(comment).ToJsonString(), null);
                }
            }

            if (FilesPattern().Match(path) is { Success: true } files && files.Groups["repo"].Value == Repository && request.Method == "GET"
                && _files.TryGetValue(long.Parse(files.Groups["n"].Value, CultureInfo.InvariantCulture), out var changed))
            {
                return Page(path, query, changed.Take(MaxListedFiles).Select(Json));
            }

            if (ContentsPattern().Match(path) is { Success: true } contents && contents.Groups["repo"].Value == Repository && request.Method == "GET"
                && _contents.TryGetValue((query["ref"] ?? "", Uri.UnescapeDataString(contents.Groups["path"].Value)), out var bytes))
            {
                // GitHub wraps the base64 at 60 characters a line.
                var base64 = string.Join('\n', Convert.ToBase64String(bytes).Chunk(60).Select(c => new string(c)));
                return (HttpStatusCode.OK, new JsonObject { ["type"] = "file", ["encoding"] = "base64", ["content"] = base64 + "\n" }.ToJsonString(), null);
            }

            if (UpdatePattern().Match(path) is { Success: true } update && update.Groups["repo"].Value == Repository && request.Method == "PATCH")
            {
                var id = long.Parse(update.Groups["id"].Value, CultureInfo.InvariantCulture);
                foreach (var thread in _comments.Values)
                {
                    var index = thread.FindIndex(c => c.Id == id);
                    if (index >= 0)
                    {
                        thread[index] = new Comment(id, BodyOf(request));
                        return (HttpStatusCode.OK, Json(thread[index]).ToJsonString(), null);
                    }
                }
            }
        }

        return (HttpStatusCode.NotFound, Error(HttpStatusCode.NotFound, "Not Found"), null);
    }

    private (HttpStatusCode Status, string Body, string? Link) Page(string path, System.Collections.Specialized.NameValueCollection query, IEnumerable<JsonObject> all)
    {
        var items = all.ToList();
        var perPage = Math.Clamp(int.Parse(query["per_page"] ?? "30", CultureInfo.InvariantCulture), 1, 100);
        var page = int.Parse(query["page"] ?? "1", CultureInfo.InvariantCulture);
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        string PageUrl(int p) => $"<{LinkBase ?? BaseUrl}{path}?per_page={perPage}&page={p}>";
        var link = page < last ? $"{PageUrl(page + 1)}; rel=\"next\", {PageUrl(last)}; rel=\"last\"" : null;
        return (HttpStatusCode.OK, new JsonArray([.. items.Skip((page - 1) * perPage).Take(perPage)]).ToJsonString(), link);
    }

    private static JsonObject Json(ChangedFile file)
    {
        var json = new JsonObject { ["filename"] = file.Filename, ["status"] = file.Status, ["additions"] = 1, ["deletions"] = 0, ["changes"] = 1 };
        if (file.PreviousFilename is not null)
        {
            json["previous_filename"] = file.PreviousFilename;
        }

        return json;
    }

    private static string BodyOf(Request request) => (string)JsonNode.Parse(request.Body)!["body"]!;

    private static JsonObject Json(Comment comment) => new()
    {
        ["id"] = comment.Id,
        ["body"] = comment.Body,
        ["user"] = new JsonObject { ["login"] = "github-actions[bot]" },
    };

    private static string Error(HttpStatusCode status, string message) => new JsonObject
    {
        ["message"] = message,
        ["documentation_url"] = "https://docs.github.com/rest",
        ["status"] = ((int)status).ToString(CultureInfo.InvariantCulture),
    }.ToJsonString();

    [GeneratedRegex(@"^/repos/(?<repo>[^/]+/[^/]+)/issues/(?<n>[0-9]+)/comments$")]
    private static partial Regex ListPattern();

    [GeneratedRegex(@"^/repos/(?<repo>[^/]+/[^/]+)/pulls/(?<n>[0-9]+)/files$")]
    private static partial Regex FilesPattern();

    [GeneratedRegex(@"^/repos/(?<repo>[^/]+/[^/]+)/contents/(?<path>.+)$")]
    private static partial Regex ContentsPattern();

    [GeneratedRegex(@"^/repos/(?<repo>[^/]+/[^/]+)/issues/comments/(?<id>[0-9]+)$")]
    private static partial Regex UpdatePattern();
}
