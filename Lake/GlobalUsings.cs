// The import records a job reports are wire records of the grain contracts (Grains.Interfaces/Models).
global using Datapunk.Grains;
