global using Datapunk.Streams.Tests.Infrastructure;
global using Datapunk.Testing;
global using Datapunk.Testing.Providers;
global using Shouldly;
global using Xunit;
