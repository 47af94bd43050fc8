global using Datapunk.Testing;
global using Datapunk.Testing.Browser;
global using Microsoft.Playwright;
global using Shouldly;
global using Xunit;
