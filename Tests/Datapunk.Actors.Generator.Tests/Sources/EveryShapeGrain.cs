using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Datapunk.Actors;

namespace Samples.Shapes;

public sealed record Point(int X, int Y);

public interface IOtherGrain : IGrainWithGuidKey
{
    Task PingAsync();
}

internal interface IEveryShapeGrain : IGrainWithIntegerKey
{
    Task PlainAsync();

    Task<Point> MoveAsync(Point from, int dx, int dy);

    ValueTask ValueAsync(Guid id);

    ValueTask<IReadOnlyDictionary<string, List<Point>>> MapAsync(string[] keys, DateTimeOffset? since);

    Task<string?> NullableAsync(string? text, Point? point, int? number);

    Task<bool> CallOtherAsync(IOtherGrain other);

    [AlwaysInterleave]
    Task<int> KeywordsAsync(int @class, string @event);
}
