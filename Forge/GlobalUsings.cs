global using Datapunk.Grains;
global using Npgsql;
