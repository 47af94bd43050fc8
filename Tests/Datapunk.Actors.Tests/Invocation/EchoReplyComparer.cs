namespace Datapunk.Actors.Tests.Invocation;

/// <summary>Compares replies by value, tags included (the record's own equality compares the tag list by reference).</summary>
internal sealed class EchoReplyComparer : IEqualityComparer<EchoReply>
{
    public bool Equals(EchoReply? x, EchoReply? y) =>
        x is not null && y is not null && x.Text == y.Text && x.EchoedBy == y.EchoedBy && x.Tags.SequenceEqual(y.Tags);

    public int GetHashCode(EchoReply obj) => HashCode.Combine(obj.Text, obj.EchoedBy);
}
