namespace Datapunk.Testing;

/// <summary>
/// A child process's stdout and stderr, kept in memory as a short tail for assertion messages and,
/// when given a path, written to a log file as the lines come.
/// </summary>
public sealed class ProcessOutput : IDisposable
{
    private const int TailCapacity = 400;

    private readonly Lock _lock = new();
    private readonly StreamWriter? _file;
    private readonly Queue<string> _tail = new();
    private bool _closed;

    public ProcessOutput(string? logPath = null)
    {
        if (logPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
            _file = new StreamWriter(logPath, append: false) { AutoFlush = true };
        }

        LogPath = logPath;
    }

    /// <summary>The log file, or null when the output is only kept in memory.</summary>
    public string? LogPath { get; }

    /// <summary>Collects what <paramref name="process"/> writes from now on; it must have been started with both streams redirected.</summary>
    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Append("out", e.Data);
        process.ErrorDataReceived += (_, e) => Append("err", e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Adds a line, tagged with the stream it came from ("out", "err", or "test" for what the test did).</summary>
    public void Append(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        var entry = $"{DateTime.UtcNow:HH:mm:ss.fff} [{stream}] {line}";
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _file?.WriteLine(entry);
            _tail.Enqueue(entry);
            if (_tail.Count > TailCapacity)
            {
                _tail.Dequeue();
            }
        }
    }

    /// <summary>
    /// The last <paramref name="lines"/> lines, oldest first; runs of lines that differ only in their
    /// numbers ("Handed over partition 17", "… 16") are folded into one, so the tail shows events.
    /// </summary>
    public string Tail(int lines)
    {
        string[] entries;
        lock (_lock)
        {
            entries = [.. _tail];
        }

        var folded = new List<string>();
        var repeats = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            if (i > 0 && Shape(entries[i]) == Shape(entries[i - 1]))
            {
                repeats++;
                continue;
            }

            if (repeats > 0)
            {
                folded.Add($"    … {repeats} more like it");
                repeats = 0;
            }

            folded.Add(entries[i]);
        }

        if (repeats > 0)
        {
            folded.Add($"    … {repeats} more like it");
        }

        return string.Join(Environment.NewLine, folded.Skip(Math.Max(0, folded.Count - lines)));
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _closed = true;
            _file?.Dispose();
        }
    }

    private static string Shape(string entry) => new([.. entry.Where(c => !char.IsAsciiDigit(c))]);
}
