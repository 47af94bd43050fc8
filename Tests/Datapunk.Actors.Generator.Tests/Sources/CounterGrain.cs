using System.Threading.Tasks;
using Datapunk.Actors;

namespace Samples;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int amount);

    Task<int> GetAsync();

    Task ResetAsync();
}
