global using Datapunk.Grains;
global using Datapunk.Lake;
