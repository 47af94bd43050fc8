global using Datapunk.Testing;
global using Shouldly;
global using Xunit;
