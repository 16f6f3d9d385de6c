using System.Text;
using Understudy.Engine.Safetensors;
using Understudy.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Safetensors;

public class SafetensorsFileTests
{
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.BFloat16)]
    public void Written_tensors_read_back_with_the_same_values_dtype_and_shape(ScalarType dtype)
    {
        using var folder = new TempFolder();
        using var a = arange(0, 12, 1, ScalarType.Float32).reshape(3, 4).div(8).to_type(dtype);
        using var b = tensor(new long[] { 5, -6, 7 });
        SafetensorsWriter.Write(folder.File("t.safetensors"),
            new Dictionary<string, Tensor> { ["layer.a"] = a, ["b"] = b }, new Dictionary<string, string> { ["format"] = "pt" });

        using var file = SafetensorsFile.Open(folder.File("t.safetensors"));
        using var readA = file.Read("layer.a");
        using var readB = file.Read("b");

        Assert.Equal(dtype, readA.dtype);
        Assert.Equal([3L, 4L], readA.shape);
        Assert.True(readA.eq(a).all().item<bool>());
        Assert.True(readB.eq(b).all().item<bool>());
        Assert.Equal("pt", file.Metadata["format"]);
    }

    [Fact]
    public void Data_section_starts_eight_byte_aligned_as_the_format_requires()
    {
        using var folder = new TempFolder();
        using var t = ones(3);
        SafetensorsWriter.Write(folder.File("t.safetensors"), new Dictionary<string, Tensor> { ["x"] = t });

        byte[] bytes = File.ReadAllBytes(folder.File("t.safetensors"));
        long headerLength = BitConverter.ToInt64(bytes, 0);

        Assert.Equal(0, (8 + headerLength) % 8);
        Assert.Equal(8 + headerLength + 12, bytes.Length);
    }

    [Fact]
    public void Read_converts_to_the_requested_dtype()
    {
        using var folder = new TempFolder();
        using var t = tensor(new[] { 1.5f, -2.25f });
        SafetensorsWriter.Write(folder.File("t.safetensors"), new Dictionary<string, Tensor> { ["x"] = t });
        using var file = SafetensorsFile.Open(folder.File("t.safetensors"));

        using var bf16 = file.Read("x", ScalarType.BFloat16);

        Assert.Equal(ScalarType.BFloat16, bf16.dtype);
        Assert.Equal(-2.25f, bf16[1].to_type(ScalarType.Float32).item<float>());
    }

    [Fact]
    public void CopyInto_rejects_a_shape_mismatch_naming_the_tensor()
    {
        using var folder = new TempFolder();
        using var t = ones(2, 3);
        SafetensorsWriter.Write(folder.File("t.safetensors"), new Dictionary<string, Tensor> { ["w"] = t });
        using var file = SafetensorsFile.Open(folder.File("t.safetensors"));
        using var destination = empty(3, 2);

        var error = Assert.Throws<InvalidDataException>(() => file.CopyInto("w", destination));

        Assert.Contains("'w'", error.Message);
        Assert.Contains("[2, 3]", error.Message);
    }

    [Fact]
    public void Open_rejects_a_truncated_file_with_a_clear_message()
    {
        using var folder = new TempFolder();
        byte[] bytes = new byte[16];
        BitConverter.GetBytes(1000L).CopyTo(bytes, 0);
        File.WriteAllBytes(folder.File("bad.safetensors"), bytes);

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(folder.File("bad.safetensors")));

        Assert.Contains("header length", error.Message);
    }

    [Fact]
    public void Open_rejects_offsets_outside_the_data_section()
    {
        using var folder = new TempFolder();
        string header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
        byte[] json = Encoding.UTF8.GetBytes(header);
        using (var stream = File.Create(folder.File("bad.safetensors")))
        {
            stream.Write(BitConverter.GetBytes((long)json.Length));
            stream.Write(json);
            stream.Write(new byte[8]);
        }

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(folder.File("bad.safetensors")));

        Assert.Contains("'x'", error.Message);
    }
}
