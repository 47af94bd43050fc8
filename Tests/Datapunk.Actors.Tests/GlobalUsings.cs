global using System.Collections.Concurrent;
global using System.Diagnostics;
global using Datapunk.Actors.Invocation;
global using Datapunk.TestGrains;
global using Datapunk.Testing;
global using Shouldly;
global using Xunit;
