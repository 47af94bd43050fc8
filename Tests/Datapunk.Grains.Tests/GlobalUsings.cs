global using Datapunk.Grains.Tests.Infrastructure;
global using Datapunk.Testing;
global using Orleans;
global using Shouldly;
global using Xunit;
