global using System.Text;
global using Datapunk.Lake.Formats;
global using Datapunk.Testing;
global using Shouldly;
global using Xunit;
