global using Datapunk.Actors.Invocation;
global using Shouldly;
global using Xunit;
