global using System.Collections.Concurrent;
global using System.Diagnostics;
global using System.Globalization;
global using Orleans;
