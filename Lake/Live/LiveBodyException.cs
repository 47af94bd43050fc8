namespace Datapunk.Lake.Live;

/// <summary>A body that cannot be taken as it is: the message says what is wrong and where (a JSON path such as <c>$.locations[3].properties.timestamp</c>).</summary>
public sealed class LiveBodyException(string message) : Exception(message);
