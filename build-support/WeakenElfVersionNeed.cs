// MSBuild inline task body (see Directory.Build.targets, TroupeWeakenElfVersionNeed): sets VER_FLG_WEAK on the
// .gnu.version_r entry naming Version in the ELF64 little-endian Library, when LibStdCxx does not define Version.
// Library may be a symbolic link into the NuGet cache: it is replaced by a patched private copy, never written through.
var versionBytes = System.Text.Encoding.ASCII.GetBytes(Version + "\0");
// RoslynCodeTaskFactory compiles against netstandard: no spans, a plain search.
bool Contains(byte[] haystack, byte[] needle)
{
    for (var i = 0; i + needle.Length <= haystack.Length; i++)
    {
        var j = 0;
        while (j < needle.Length && haystack[i + j] == needle[j]) j++;
        if (j == needle.Length) return true;
    }
    return false;
}
if (System.IO.File.Exists(LibStdCxx) && Contains(System.IO.File.ReadAllBytes(LibStdCxx), versionBytes))
{
    Log.LogMessage(MessageImportance.Low, $"{LibStdCxx} defines {Version}: {Library} left as it is");
    return true;
}
var elf = System.IO.File.ReadAllBytes(Library);
if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
{
    Log.LogError($"{Library}: expected a 64-bit little-endian ELF file, got something else");
    return false;
}
ushort U16(int at) => System.BitConverter.ToUInt16(elf, at);
uint U32(int at) => System.BitConverter.ToUInt32(elf, at);
long U64(int at) => (long)System.BitConverter.ToUInt64(elf, at);
var shoff = U64(0x28); int shentsize = U16(0x3a), shnum = U16(0x3c);
int Section(int i) => (int)(shoff + i * shentsize);
const uint ShtGnuVerneed = 0x6ffffffe;
const ushort VerFlgWeak = 2;
var patched = 0; var alreadyWeak = 0;
for (var i = 0; i < shnum; i++)
{
    var sh = Section(i);
    if (U32(sh + 4) != ShtGnuVerneed) continue;
    var strtab = (int)U64(Section((int)U32(sh + 40)) + 24);   // sh_link -> .dynstr, its sh_offset
    var entry = (int)U64(sh + 24);
    var count = (int)U32(sh + 44);                              // sh_info: number of Verneed entries
    for (var n = 0; n < count; n++)
    {
        int cnt = U16(entry + 2); var aux = entry + (int)U32(entry + 8);
        for (var k = 0; k < cnt; k++)
        {
            var name = strtab + (int)U32(aux + 8);
            var end = System.Array.IndexOf(elf, (byte)0, name);
            if (System.Text.Encoding.ASCII.GetString(elf, name, end - name) == Version)
            {
                var flags = U16(aux + 4);
                if ((flags & VerFlgWeak) != 0) alreadyWeak++;
                else { var weak = (ushort)(flags | VerFlgWeak); elf[aux + 4] = (byte)weak; elf[aux + 5] = (byte)(weak >> 8); patched++; }
            }
            aux += (int)U32(aux + 12);
        }
        entry += (int)U32(entry + 12);
    }
}
if (patched == 0)
{
    if (alreadyWeak == 0) Log.LogMessage(MessageImportance.Low, $"{Library} does not ask for {Version}");
    return true;
}
// Replace (not write through) a link, so the NuGet cache keeps the original.
var temp = Library + ".patching";
System.IO.File.WriteAllBytes(temp, elf);
if (System.IO.File.Exists(Library)) System.IO.File.Delete(Library);
System.IO.File.Move(temp, Library);
Log.LogMessage(MessageImportance.Normal, $"{Library}: {Version} marked weak ({LibStdCxx} lacks it)");
