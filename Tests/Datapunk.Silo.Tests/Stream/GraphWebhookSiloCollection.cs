namespace Datapunk.Silo.Tests.Stream;

/// <summary>One silo with the fake Microsoft Graph and a public base URL, for the webhook tests.</summary>
[CollectionDefinition(Name)]
public sealed class GraphWebhookSiloCollection : ICollectionFixture<GraphWebhookSiloFixture>
{
    public const string Name = "webhook silo";
}
