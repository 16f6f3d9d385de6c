using static TorchSharp.torch;

namespace Understudy.Engine.Safetensors;

/// <summary>Maps the dtype names of the safetensors format to TorchSharp scalar types and back.</summary>
public static class SafetensorsDType
{
    /// <summary>Returns the scalar type for a safetensors dtype name (F32, F16, BF16, I64, ...).</summary>
    public static ScalarType ToScalarType(string name, string nameForErrors) => name switch
    {
        "F32" => ScalarType.Float32,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "F64" => ScalarType.Float64,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "I16" => ScalarType.Int16,
        "I8" => ScalarType.Int8,
        "U8" => ScalarType.Byte,
        "BOOL" => ScalarType.Bool,
        _ => throw new InvalidDataException(
            $"{nameForErrors}: dtype '{name}' is not supported (supported: F32, F16, BF16, F64, I64, I32, I16, I8, U8, BOOL).")
    };

    /// <summary>Returns the safetensors dtype name for a scalar type.</summary>
    public static string ToName(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new ArgumentException($"Scalar type {type} cannot be written to safetensors.", nameof(type))
    };

    /// <summary>Size in bytes of one element.</summary>
    public static int ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        ScalarType.Int8 or ScalarType.Byte or ScalarType.Bool => 1,
        _ => throw new ArgumentException($"Scalar type {type} has no safetensors element size.", nameof(type))
    };
}
