global using Datapunk.Forge.Tests.Infrastructure;
global using Datapunk.Grains;
global using Datapunk.Testing;
global using Shouldly;
global using Xunit;
