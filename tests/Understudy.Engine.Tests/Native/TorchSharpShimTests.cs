using Understudy.Build;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Native;

public class TorchSharpShimTests
{
    [Fact]
    public void Native_torch_loads_and_computes_on_this_machine()
    {
        using var a = ones(2, 3);
        using var b = a.sum();
        Assert.Equal(6f, b.item<float>());
    }

    [Fact]
    public void Shim_in_the_build_output_does_not_hard_require_a_libstdcxx_version_the_system_lacks()
    {
        string shim = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).First();
        bool systemHasIt = ElfVersionNeedPatcher.SystemLibStdCxxHas("GLIBCXX_3.4.32", out _);
        byte[] bytes = File.ReadAllBytes(shim);

        string state = ElfVersionNeedPatcher.MarkWeak(bytes, "GLIBCXX_3.4.32", shim);

        if (!systemHasIt) Assert.Equal("already-weak", state);
        else Assert.NotEqual("absent", state);
    }

    [Fact]
    public void Patcher_rejects_a_file_that_is_not_elf()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkWeak(new byte[128], "GLIBCXX_3.4.32", "x.so"));
    }
}
