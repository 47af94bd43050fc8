namespace Datapunk.Actors.Generator.Model;

/// <param name="Name">The parameter name, escaped with '@' where it is a keyword.</param>
/// <param name="Type">The fully qualified type with nullable annotations.</param>
/// <param name="IsValueType">Value types need no null-forgiving initializer on the request field.</param>
internal sealed record GrainParameterModel(string Name, string Type, bool IsValueType);
