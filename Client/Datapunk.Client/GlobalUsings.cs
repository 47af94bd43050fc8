global using Datapunk.Grains;
