namespace TorchSharp;

/// <summary>Element types, numbered as c10::ScalarType (and TorchSharp) number them.</summary>
public enum ScalarType
{
    UInt8 = 0,
    Int32 = 3,
    Int64 = 4,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
}
