namespace Datapunk.Actors;

/// <summary>Marks anything that can be addressed as a grain.</summary>
public interface IAddressable;

/// <summary>Base of every grain interface.</summary>
public interface IGrain : IAddressable;

/// <summary>A grain whose identity is a string.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain whose identity is a <see cref="Guid"/>.</summary>
public interface IGrainWithGuidKey : IGrain;

/// <summary>A grain whose identity is a 64-bit integer.</summary>
public interface IGrainWithIntegerKey : IGrain;
