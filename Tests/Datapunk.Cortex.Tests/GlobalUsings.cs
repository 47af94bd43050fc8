global using Datapunk.Cortex.Tests.Infrastructure;
global using Datapunk.Testing;
global using Shouldly;
global using Xunit;
