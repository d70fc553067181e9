namespace TorchSharp;

/// <summary>Element types, numbered as c10::ScalarType (and TorchSharp) number them.</summary>
public enum ScalarType
{
    Int64 = 4,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
}
