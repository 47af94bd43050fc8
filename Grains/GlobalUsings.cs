global using Datapunk.Lake;
global using Orleans;
global using Orleans.Runtime;
