global using Datapunk.Cortex.Tests.Infrastructure;
global using Datapunk.Grains;
global using Datapunk.Testing;
global using Datapunk.Testing.Providers;
global using Shouldly;
global using Xunit;
