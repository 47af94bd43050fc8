global using System.Diagnostics;
global using Datapunk.Silo.Telemetry;
global using Shouldly;
global using Xunit;
