namespace Datapunk.TestGrains;

/// <summary>
/// A reentrant grain: its calls interleave at awaits, yet its synchronous sections must never run
/// at the same instant (<see cref="TurnCountingGrain"/> counts both).
/// </summary>
[Reentrant]
public sealed class ReentrantTurnGrain() : TurnCountingGrain(sectionSpins: 200), IReentrantTurnGrain
{
    private TaskCompletionSource<int>? _meeting;
    private int _arrived;

    public async Task<int> MeetAsync(int expected)
    {
        var meeting = _meeting ??= new TaskCompletionSource<int>();
        if (++_arrived >= expected)
        {
            meeting.TrySetResult(_arrived);
            _meeting = null;
            _arrived = 0;
        }

        return await meeting.Task;
    }
}
