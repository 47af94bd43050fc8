global using Datapunk.Actors;
