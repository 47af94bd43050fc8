using System.Threading.Tasks;
using Datapunk.Actors;

public interface IGlobalGrain : IGrainWithStringKey
{
    Task<string> HelloAsync(string name);
}
