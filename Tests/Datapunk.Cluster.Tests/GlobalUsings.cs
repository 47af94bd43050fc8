global using System.Diagnostics;
global using Datapunk.Cluster.Tests.Infrastructure;
global using Datapunk.TestGrains;
global using Datapunk.Testing;
global using Orleans;
global using Shouldly;
global using Xunit;
