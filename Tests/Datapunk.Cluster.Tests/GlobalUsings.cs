global using System.Diagnostics;
global using Datapunk.Actors;
global using Datapunk.Cluster.Tests.Infrastructure;
global using Datapunk.TestGrains;
global using Datapunk.Testing;
global using Shouldly;
global using Xunit;
