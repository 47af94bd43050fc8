using Microsoft.Extensions.Logging;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>Appends log lines to a file: the pipeline's debug log (chunk timings) when a test run asks for it.</summary>
internal sealed class FileLogger<T>(string path) : ILogger<T>
{
    private readonly Lock _lock = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lock)
        {
            File.AppendAllText(path, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {formatter(state, exception)}{Environment.NewLine}");
        }
    }
}
