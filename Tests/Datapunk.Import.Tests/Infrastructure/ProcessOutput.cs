using System.Collections.Concurrent;
using System.Text;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>The last lines a child process wrote to stdout and stderr, kept for failure messages.</summary>
internal sealed class ProcessOutput
{
    private const int KeptLines = 300;

    private readonly ConcurrentQueue<string> _lines = new();

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, line) => Add(line.Data);
        process.ErrorDataReceived += (_, line) => Add(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Tail(int lines = 40)
    {
        var text = new StringBuilder();
        foreach (var line in _lines.TakeLast(lines))
        {
            text.Append("  | ").AppendLine(line);
        }

        return text.ToString();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > KeptLines)
        {
            _lines.TryDequeue(out _);
        }
    }
}
