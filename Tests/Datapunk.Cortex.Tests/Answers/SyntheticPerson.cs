using System.Text.Json.Nodes;
using Datapunk.Lake;
using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Cortex.Tests.Answers;

/// <summary>
/// A small synthetic person living in Europe/Berlin, written straight into the user's tables under their
/// row-level security, in the shapes the Lake's readers store (Lake/Formats): place visits named by the
/// export in Berlin and Paris (one starting 23:30 UTC on 2 May 2019, which is 3 May in Berlin), a day of
/// bare location fixes, Spotify plays over two winters, YouTube watches and searches, mail sent to
/// several people and mail received, Google Fit days, page visits and Discord messages.
/// </summary>
internal sealed class SyntheticPerson
{
    public const string TimeZone = "Europe/Berlin";
    public const string Email = "sam@example.org";

    /// <summary>"Now" for every question about this person: mid-June 2020, so last winter is December 2019 to February 2020.</summary>
    public static readonly DateTimeOffset Now = new(2020, 6, 15, 10, 0, 0, TimeSpan.Zero);

    private readonly NpgsqlDataSource _dataSource;
    private readonly Dictionary<string, long> _files = [];
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;

    private SyntheticPerson(NpgsqlDataSource dataSource, string userId)
    {
        _dataSource = dataSource;
        UserId = userId;
    }

    public string UserId { get; }

    public static async Task<SyntheticPerson> CreateAsync(string prefix, CancellationToken cancellationToken)
    {
        var person = new SyntheticPerson(await CortexDatabase.MigratedAsync(), CortexDatabase.NewUserId(prefix));
        await person.SeedAsync(cancellationToken);
        return person;
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        await new LocationPartitions(_dataSource).EnsureAsync(UserId, [(2019 * 12) + 5], cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, UserId, cancellationToken);
        (_connection, _transaction) = (connection, transaction);

        // Place visits, named by the export (semantic location history).
        await VisitAsync("Hotel Adlon", At(2019, 5, 2, 23, 30), At(2019, 5, 3, 7, 0), 52.5163, 13.3805, "ChIJadlon");
        await VisitAsync("Museum Island", At(2019, 5, 3, 8, 0), At(2019, 5, 3, 10, 30), 52.5169, 13.4019, "ChIJmuseum");
        await VisitAsync("Café Einstein", At(2019, 5, 3, 11, 0), At(2019, 5, 3, 12, 0), 52.5034, 13.3530, "ChIJeinstein");
        await VisitAsync("Berghain", At(2019, 5, 3, 22, 30), At(2019, 5, 4, 4, 0), 52.5111, 13.4430, "ChIJberghain");
        await VisitAsync("Louvre Museum", At(2019, 8, 10, 8, 0), At(2019, 8, 10, 11, 0), 48.8606, 2.3376, "ChIJlouvre");
        await VisitAsync("Café de Flore", At(2019, 8, 10, 12, 0), At(2019, 8, 10, 13, 0), 48.8541, 2.3326, "ChIJflore");
        await VisitAsync("Louvre Museum", At(2019, 8, 12, 9, 0), At(2019, 8, 12, 10, 0), 48.8606, 2.3376, "ChIJlouvre");
        await VisitAsync("Louvre Museum", At(2020, 1, 4, 9, 0), At(2020, 1, 4, 12, 0), 48.8606, 2.3376, "ChIJlouvre");

        // A day with fixes and no visits: 10 June 2019, 08:00 to 10:00 UTC, every 20 minutes around Tempelhof.
        for (var minute = 0; minute <= 120; minute += 20)
        {
            await FixAsync(At(2019, 6, 10, 8, 0).AddMinutes(minute), 52.4730 + (minute / 10_000.0), 13.4020);
        }

        // Spotify plays over two winters (extended history), and one in summer.
        var lastWinter = new (string Artist, string Track, DateTime At)[]
        {
            ("Radiohead", "Reckoner", At(2019, 12, 5, 20, 0)), ("Radiohead", "Nude", At(2019, 12, 20, 21, 0)),
            ("Radiohead", "Reckoner", At(2020, 1, 15, 19, 0)), ("Radiohead", "Weird Fishes", At(2020, 2, 3, 18, 0)),
            ("Radiohead", "Reckoner", At(2020, 2, 28, 22, 15)), ("Daft Punk", "Digital Love", At(2020, 1, 2, 10, 0)),
            ("Daft Punk", "Veridis Quo", At(2020, 1, 9, 10, 0)), ("Daft Punk", "Digital Love", At(2020, 2, 10, 10, 0)),
            ("Nina Simone", "Sinnerman", At(2019, 12, 24, 17, 0)),
        };
        foreach (var (artist, track, at) in lastWinter)
        {
            await PlayAsync(artist, track, at, 240_000);
        }

        await PlayAsync("Nina Simone", "Feeling Good", At(2018, 12, 10, 8, 0), 180_000);
        await PlayAsync("Nina Simone", "Sinnerman", At(2019, 1, 10, 8, 0), 600_000);
        await PlayAsync("Daft Punk", "One More Time", At(2019, 2, 10, 8, 0), 300_000);
        await PlayAsync("Radiohead", "Karma Police", At(2019, 7, 1, 8, 0), 260_000);

        // YouTube: watches with their channel, and searches.
        await WatchAsync("Easy bread baking at home", "Baking With Anna", "vid-bread", At(2019, 3, 1, 18, 0));
        await WatchAsync("Sourdough starter explained", "Baking With Anna", "vid-sourdough", At(2019, 3, 8, 18, 0));
        await WatchAsync("Quick pasta dinner cooking", "Chef Marco", "vid-pasta", At(2019, 5, 20, 19, 0));
        await WatchAsync("Rust ownership in 10 minutes", "Code Talks", "vid-rust", At(2019, 11, 2, 9, 0));
        await SearchAsync("sourdough starter", At(2019, 3, 8, 17, 55));
        await SearchAsync("pasta recipes", At(2019, 5, 20, 18, 50));

        // Mail: sent to Alice three times, Bob twice, Carol once; one received from Dave.
        await MailAsync("Trip plans", "Alice Martin <alice@example.org>", At(2019, 4, 1, 9, 0), sent: true);
        await MailAsync("Re: Trip plans", "Alice Martin <alice@example.org>", At(2019, 4, 3, 9, 0), sent: true);
        await MailAsync("Photos from Paris", "Alice Martin <alice@example.org>", At(2019, 8, 14, 9, 0), sent: true);
        await MailAsync("Band practice", "bob@example.org", At(2019, 6, 1, 9, 0), sent: true);
        await MailAsync("Band practice moved", "bob@example.org", At(2019, 6, 5, 9, 0), sent: true);
        await MailAsync("Invoice", "Carol Jones <carol@example.org>", At(2019, 9, 1, 9, 0), sent: true);
        await MailAsync("Hello from Dave", Email, At(2019, 9, 2, 9, 0), sent: false, from: "Dave <dave@example.org>");

        // Google Fit days in May 2019 (calendar dates, at UTC midnight).
        await FitDayAsync(new DateOnly(2019, 5, 1), 8000, 5600.5);
        await FitDayAsync(new DateOnly(2019, 5, 2), 12000, 8400);
        await FitDayAsync(new DateOnly(2019, 5, 31), 4000, 2800);
        await FitDayAsync(new DateOnly(2019, 6, 1), 9999, 7000);

        // Pages visited, and Discord messages.
        await PageAsync("https://en.wikipedia.org/wiki/Berlin", "Berlin - Wikipedia", At(2019, 5, 1, 9, 0));
        await PageAsync("https://en.wikipedia.org/wiki/Paris", "Paris - Wikipedia", At(2019, 5, 2, 9, 0));
        await PageAsync("https://www.example.com/news/today", "Today's news", At(2019, 5, 3, 9, 0));
        await DiscordAsync("880000000000000001", "111", "see you at practice", At(2019, 6, 2, 9, 0));
        await DiscordAsync("880000000000000002", "111", "running late", At(2019, 6, 3, 9, 0));
        await DiscordAsync("880000000000000003", "222", "nice photo", At(2019, 6, 4, 9, 0));

        await using (var profile = new NpgsqlCommand(
            "INSERT INTO user_data.profiles (user_id, display_name, email, time_zone) VALUES (@user, 'Sam', @email, @zone)", connection, transaction))
        {
            profile.Parameters.AddWithValue("user", UserId);
            profile.Parameters.AddWithValue("email", Email);
            profile.Parameters.AddWithValue("zone", TimeZone);
            await profile.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Adds a Spotify play to this person's data, in a transaction of its own.</summary>
    public async Task AddPlayAsync(string artist, string track, DateTime at, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, UserId, cancellationToken);
        (_connection, _transaction) = (connection, transaction);
        _files.Clear();
        await PlayAsync(artist, track, at, 200_000);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A UTC instant.</summary>
    public static DateTime At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>The identity a visit of this person was stored under, for checking citations.</summary>
    public static string VisitId(string placeId, DateTime start) => $"visit:{placeId}:{start:yyyyMMddHHmm}";

    public static string PlayId(string track, DateTime at) => $"play:{track}:{at:yyyyMMddHHmm}";

    private Task VisitAsync(string name, DateTime start, DateTime end, double lat, double lng, string placeId) =>
        RecordAsync("google.location.semantic", RecordKind.PlaceVisit, VisitId(placeId, start), start, end, name, null, null, (lat, lng),
            new JsonObject { ["placeVisit"] = new JsonObject { ["location"] = new JsonObject { ["placeId"] = placeId, ["name"] = name } } });

    private Task PlayAsync(string artist, string track, DateTime at, long milliseconds) =>
        RecordAsync("spotify.extended-history", RecordKind.SpotifyPlay, PlayId(track, at), at, null, $"{artist} — {track}", null, null, null,
            new JsonObject
            {
                ["ts"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["ms_played"] = milliseconds,
                ["master_metadata_track_name"] = track,
                ["master_metadata_album_artist_name"] = artist,
            });

    private Task WatchAsync(string video, string channel, string videoId, DateTime at) =>
        RecordAsync("google.youtube.history", RecordKind.YoutubeWatch, $"watch:{videoId}:{at:yyyyMMddHHmm}", at, null, $"Watched {video}", $"{video}\n{channel}",
            $"https://www.youtube.com/watch?v={videoId}", null,
            new JsonObject
            {
                ["header"] = "YouTube",
                ["title"] = $"Watched {video}",
                ["subtitles"] = new JsonArray(new JsonObject { ["name"] = channel }),
                ["datapunk"] = new JsonObject { ["verb"] = "Watched", ["object"] = video, ["videoId"] = videoId },
            });

    private Task SearchAsync(string words, DateTime at) =>
        RecordAsync("google.youtube.history", RecordKind.YoutubeSearch, $"search:{words}:{at:yyyyMMddHHmm}", at, null, $"Searched for {words}", words,
            $"https://www.youtube.com/results?search_query={Uri.EscapeDataString(words)}", null,
            new JsonObject { ["header"] = "YouTube", ["title"] = $"Searched for {words}", ["datapunk"] = new JsonObject { ["verb"] = "Searched for", ["object"] = words } });

    private Task MailAsync(string subject, string to, DateTime at, bool sent, string from = $"Sam <{Email}>") =>
        RecordAsync("google.mail.mbox", RecordKind.Email, $"mail:{subject}:{at:yyyyMMddHHmm}", at, null, subject, $"About {subject}.", null, null,
            new JsonObject
            {
                ["from"] = from,
                ["to"] = new JsonArray(to),
                ["cc"] = new JsonArray(),
                ["labels"] = sent ? new JsonArray("Sent") : new JsonArray("Inbox"),
            });

    private Task FitDayAsync(DateOnly date, long steps, double metres) =>
        RecordAsync("google.fit.daily-metrics", RecordKind.FitDay, $"google.fit.day:{date:yyyy-MM-dd}", date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), null,
            null, null, null, null, new JsonObject { ["Date"] = $"{date:yyyy-MM-dd}", ["Step count"] = steps, ["Distance (m)"] = metres });

    private Task PageAsync(string url, string title, DateTime at) =>
        RecordAsync("google.chrome.history", RecordKind.BrowserVisit, $"page:{url}:{at:yyyyMMddHHmm}", at, null, title, title, url, null, new JsonObject { ["url"] = url });

    private Task DiscordAsync(string id, string channelId, string text, DateTime at) =>
        RecordAsync("discord.messages", RecordKind.DiscordMessage, $"discord:{id}", at, null, null, text, null, null,
            new JsonObject { ["ID"] = id, ["Contents"] = text, ["channelId"] = channelId });

    private async Task RecordAsync(
        string format, RecordKind kind, string identity, DateTime at, DateTime? end, string? title, string? body, string? url, (double Lat, double Lng)? position, JsonObject source)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO user_data.records (user_id, kind, identity, occurred_at, ended_at, title, body, url, position, source, file_id)
            VALUES (@user, @kind, @identity, @at, @end, @title, @body, @url,
                    CASE WHEN @lat::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(@lng::float8, @lat::float8), 4326)::geography END, @source::jsonb, @file)
            """, _connection, _transaction);
        command.Parameters.AddWithValue("user", UserId);
        command.Parameters.AddWithValue("kind", (short)kind);
        command.Parameters.AddWithValue("identity", identity);
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("end", (object?)end ?? DBNull.Value);
        command.Parameters.AddWithValue("title", (object?)title ?? DBNull.Value);
        command.Parameters.AddWithValue("body", (object?)body ?? DBNull.Value);
        command.Parameters.AddWithValue("url", (object?)url ?? DBNull.Value);
        command.Parameters.AddWithValue("lat", (object?)position?.Lat ?? DBNull.Value);
        command.Parameters.AddWithValue("lng", (object?)position?.Lng ?? DBNull.Value);
        command.Parameters.AddWithValue("source", source.ToJsonString());
        command.Parameters.AddWithValue("file", await FileAsync(format));
        await command.ExecuteNonQueryAsync();
    }

    private async Task FixAsync(DateTime at, double lat, double lng)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO timeseries.location_points (user_id, time, lat_e7, lng_e7, file_id, position)
            VALUES (@user, @at, @lat, @lng, @file, ST_SetSRID(ST_MakePoint(@lng / 1e7, @lat / 1e7), 4326)::geography)
            """, _connection, _transaction);
        command.Parameters.AddWithValue("user", UserId);
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("lat", (int)Math.Round(lat * 1e7));
        command.Parameters.AddWithValue("lng", (int)Math.Round(lng * 1e7));
        command.Parameters.AddWithValue("file", await FileAsync("google.location.records"));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One imported file per format, so each citation can say which format its record came from.</summary>
    private async Task<long> FileAsync(string format)
    {
        if (_files.TryGetValue(format, out var fileId))
        {
            return fileId;
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO imports.files (import_id, entry_key, user_id, source, path, format_id, status)
            VALUES (@import, @format, @user, 'synthetic', @format, @format, 'imported') RETURNING file_id
            """, _connection, _transaction);
        command.Parameters.AddWithValue("import", Guid.NewGuid());
        command.Parameters.AddWithValue("format", format);
        command.Parameters.AddWithValue("user", UserId);
        fileId = (long)(await command.ExecuteScalarAsync())!;
        _files[format] = fileId;
        return fileId;
    }
}
