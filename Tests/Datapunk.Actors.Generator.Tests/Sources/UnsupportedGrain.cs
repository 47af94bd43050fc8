using System;
using System.Threading.Tasks;
using Datapunk.Actors;

namespace Samples;

public interface IUnsupportedGrain : IGrainWithStringKey
{
    Task FineAsync();

    void Fire();

    int Count();

    Task<T> GenericAsync<T>(T value);

    Task RefAsync(ref int value);

    Task OutAsync(out int value);

    Task InAsync(in int value);

    string Name { get; }

    event EventHandler Changed;
}

public interface IGenericGrain<T> : IGrainWithStringKey
{
    Task<T> GetAsync();
}

public static class Holder
{
    public interface INestedGrain : IGrainWithStringKey
    {
        Task PingAsync();
    }
}

public interface IFineGrain : IGrainWithStringKey
{
    Task PingAsync();
}

public interface IDisposableGrain : IGrainWithStringKey, IDisposable
{
    Task PingAsync();
}

public interface IRemindingGrain : IGrainWithStringKey, IRemindable
{
    Task PingAsync();
}

file interface IFileLocalGrain : IGrainWithStringKey
{
    Task PingAsync();
}
