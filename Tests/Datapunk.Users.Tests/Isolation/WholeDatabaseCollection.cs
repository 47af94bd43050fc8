namespace Datapunk.Users.Tests.Isolation;

/// <summary>
/// Tests that count the rows of every table of the shared test database run alone, after the others: an import
/// creating a user's location partitions, or an erasure detaching them, locks a month's table, and a
/// count of every table waited behind it until its command timed out (CI, 2026-12-06).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WholeDatabaseCollection
{
    public const string Name = "whole database";
}
