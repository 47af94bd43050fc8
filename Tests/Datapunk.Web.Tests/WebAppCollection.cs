namespace Datapunk.Web.Tests;

/// <summary>One silo and one browser for every class: each costs seconds of a busy machine's CPU to start.</summary>
[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}
