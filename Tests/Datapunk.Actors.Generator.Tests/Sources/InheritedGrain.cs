using System.Threading.Tasks;
using Datapunk.Actors;

namespace Samples;

public interface IDescribedGrain : IGrainWithStringKey
{
    Task<string> DescribeAsync();

    Task<string> NameAsync();
}

public interface IPetGrain : IDescribedGrain
{
    // Hides the inherited method: the proxy must implement both.
    new Task<string> NameAsync();

    Task FeedAsync(int grams);
}

public interface IDogGrain : IPetGrain
{
    Task BarkAsync();
}
