namespace Datapunk.TestGrains;

/// <summary>The grain storage provider name a test silo registers.</summary>
public static class TestStorage
{
    public const string Name = "postgres";
}
