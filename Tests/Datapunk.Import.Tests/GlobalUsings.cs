global using Datapunk.Grains;
global using Datapunk.Import.Tests.Infrastructure;
global using Shouldly;
global using System.Diagnostics;
global using Xunit;
