global using Datapunk.Lake;
