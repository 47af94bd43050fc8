namespace Datapunk.Testing.Providers;

/// <summary>Faults a fake provider answers one request each with: the first planned for a path part the request's path contains.</summary>
internal sealed class PlannedFaults<TFault>
{
    private readonly List<(string PathPart, TFault Fault)> _planned = [];

    public void Plan(string pathPart, TFault fault)
    {
        lock (_planned)
        {
            _planned.Add((pathPart, fault));
        }
    }

    /// <summary>The first fault planned for <paramref name="path"/>, taken from the plan (the others keep their order).</summary>
    public bool TryTake(string path, out TFault fault)
    {
        lock (_planned)
        {
            var index = _planned.FindIndex(planned => path.Contains(planned.PathPart, StringComparison.Ordinal));
            fault = index < 0 ? default! : _planned[index].Fault;
            if (index >= 0)
            {
                _planned.RemoveAt(index);
            }

            return index >= 0;
        }
    }
}
