using System.Threading.Tasks;
using Datapunk.Actors;

namespace Samples;

public interface IOverloadedGrain : IGrainWithStringKey
{
    Task<string> EchoAsync(string text);

    Task<string> EchoAsync(int number);

    Task<string> EchoAsync(string text, int times);

    Task<string?> EchoAsync(string? text, long times);
}
