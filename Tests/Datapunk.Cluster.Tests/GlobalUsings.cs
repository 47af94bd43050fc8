global using Datapunk.Actors;
global using Datapunk.TestGrains;
global using Shouldly;
global using Xunit;
