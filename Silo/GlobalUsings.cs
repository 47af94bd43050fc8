global using Datapunk.Actors;
global using Datapunk.Grains;
