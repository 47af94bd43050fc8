global using Datapunk.Grains;
global using Datapunk.Import.Tests.Infrastructure;
global using Datapunk.Testing;
global using Shouldly;
global using Xunit;
