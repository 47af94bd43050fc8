global using Datapunk.Grains;
global using Microsoft.Extensions.Logging;
