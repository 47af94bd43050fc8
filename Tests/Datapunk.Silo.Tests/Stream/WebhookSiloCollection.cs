namespace Datapunk.Silo.Tests.Stream;

/// <summary>One silo with the fake Microsoft Graph and a public base URL, for the webhook tests.</summary>
[CollectionDefinition(Name)]
public sealed class WebhookSiloCollection : ICollectionFixture<WebhookSiloFixture>
{
    public const string Name = "webhook silo";
}
