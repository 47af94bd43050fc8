global using Datapunk.Testing;
global using Datapunk.Users.Tests.Infrastructure;
global using Shouldly;
global using Xunit;
