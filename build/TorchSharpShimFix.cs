// MSBuild inline task + the ELF patcher it uses. The engine tests compile this file with UNDERSTUDY_NO_MSBUILD_TASK.
#nullable enable
using System;
using System.IO;
using System.Text;

namespace Understudy.Build
{
    /// <summary>
    /// Marks one symbol-version requirement (a <c>Vernaux</c> entry of an ELF64 little-endian shared object)
    /// as weak (<c>VER_FLG_WEAK</c>), so the dynamic loader accepts a library that lacks that version.
    /// TorchSharp 0.107's shim asks for GLIBCXX_3.4.32 only to name GCC 13's marker symbol, which it never calls.
    /// </summary>
    public static class ElfVersionNeedPatcher
    {
        public const ushort VerFlagWeak = 0x2;
        private const uint ShtGnuVerneed = 0x6ffffffe;

        /// <summary>Returns "patched", "already-weak" or "absent".</summary>
        public static string MarkWeak(string path, string versionName)
        {
            byte[] elf = File.ReadAllBytes(path);
            string result = MarkWeak(elf, versionName, path);
            if (result == "patched")
            {
                File.WriteAllBytes(path, elf);
            }
            return result;
        }

        public static string MarkWeak(byte[] elf, string versionName, string nameForErrors)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException(nameForErrors + " is not an ELF file.");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException(nameForErrors + " is not a 64-bit little-endian ELF file.");

            long sectionHeaders = (long)ReadU64(elf, 0x28);
            int sectionHeaderSize = ReadU16(elf, 0x3A);
            int sectionCount = ReadU16(elf, 0x3C);
            for (int i = 0; i < sectionCount; i++)
            {
                long header = sectionHeaders + (long)i * sectionHeaderSize;
                if (ReadU32(elf, header + 4) != ShtGnuVerneed) continue;

                long verneed = (long)ReadU64(elf, header + 24);
                int stringTableIndex = (int)ReadU32(elf, header + 40);
                int needCount = (int)ReadU32(elf, header + 44);
                long stringTable = (long)ReadU64(elf, sectionHeaders + (long)stringTableIndex * sectionHeaderSize + 24);

                long need = verneed;
                for (int n = 0; n < needCount; n++)
                {
                    int auxCount = ReadU16(elf, need + 2);
                    long aux = need + ReadU32(elf, need + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        string name = ReadCString(elf, stringTable + ReadU32(elf, aux + 8));
                        if (name == versionName)
                        {
                            ushort flags = ReadU16(elf, aux + 4);
                            if ((flags & VerFlagWeak) != 0) return "already-weak";
                            WriteU16(elf, aux + 4, (ushort)(flags | VerFlagWeak));
                            return "patched";
                        }
                        aux += ReadU32(elf, aux + 12);
                    }
                    need += ReadU32(elf, need + 12);
                }
            }
            return "absent";
        }

        /// <summary>True when a libstdc++ on the usual loader paths defines the given version (e.g. GLIBCXX_3.4.32).</summary>
        public static bool SystemLibStdCxxHas(string versionName, out string? libraryPath)
        {
            string[] candidates =
            {
                "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
                "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6",
                "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
            };
            byte[] needle = Encoding.ASCII.GetBytes(versionName + "\0");
            foreach (string candidate in candidates)
            {
                if (!File.Exists(candidate)) continue;
                libraryPath = candidate;
                return IndexOf(File.ReadAllBytes(candidate), needle) >= 0;
            }
            libraryPath = null;
            return false;
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i <= haystack.Length - needle.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }

        private static string ReadCString(byte[] b, long at)
        {
            long end = at;
            while (end < b.Length && b[end] != 0) end++;
            return Encoding.ASCII.GetString(b, (int)at, (int)(end - at));
        }

        private static ushort ReadU16(byte[] b, long at) => (ushort)(b[at] | b[at + 1] << 8);
        private static uint ReadU32(byte[] b, long at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);
        private static ulong ReadU64(byte[] b, long at) => ReadU32(b, at) | (ulong)ReadU32(b, at + 4) << 32;
        private static void WriteU16(byte[] b, long at, ushort v) { b[at] = (byte)v; b[at + 1] = (byte)(v >> 8); }
    }
}

#if !UNDERSTUDY_NO_MSBUILD_TASK
namespace Understudy.Build
{
    public class MarkGlibcxxRequirementWeak : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        [Microsoft.Build.Framework.Required]
        public string VersionName { get; set; } = "";

        public override bool Execute()
        {
            if (ElfVersionNeedPatcher.SystemLibStdCxxHas(VersionName, out string? library))
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low,
                    library + " defines " + VersionName + "; TorchSharp shim left as shipped.");
                return true;
            }
            foreach (Microsoft.Build.Framework.ITaskItem file in Files)
            {
                string path = file.GetMetadata("FullPath");
                string result = ElfVersionNeedPatcher.MarkWeak(path, VersionName);
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                    "TorchSharp shim " + path + ": " + VersionName + " requirement " + result + ".");
            }
            return true;
        }
    }
}
#endif
