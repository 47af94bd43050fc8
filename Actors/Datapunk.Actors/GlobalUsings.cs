global using System.Collections.Concurrent;
global using System.Diagnostics;
global using System.Text.Json;
global using Datapunk.Actors.Invocation;
