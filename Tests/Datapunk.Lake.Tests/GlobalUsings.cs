global using System.Text;
global using Datapunk.Grains.Lake;
global using Datapunk.Grains.Lake.Formats;
global using Datapunk.Testing;
global using Shouldly;
global using Xunit;
