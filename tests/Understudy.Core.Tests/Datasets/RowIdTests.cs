using Understudy.Core.Datasets;

namespace Understudy.Core.Tests.Datasets;

public sealed class RowIdTests
{
    [Fact]
    public void FromContent_is_a_fixed_hash_that_never_changes_between_versions_or_machines()
    {
        Assert.Equal("a130186c00daec30a1331e199963d284", RowId.FromContent("hello", "world"));
    }

    [Fact]
    public void FromMessages_hashes_roles_and_contents_in_order()
    {
        Assert.Equal("eeb1c55e78f1335bd104e411314c2bf0", RowId.FromMessages([new ChatTurn("user", "hi"), new ChatTurn("assistant", "hello")]));
    }

    [Fact]
    public void Normalisation_makes_line_endings_surrounding_space_and_unicode_forms_irrelevant()
    {
        string composed = RowId.FromContent("caf\u00e9\nline");
        Assert.Equal(composed, RowId.FromContent("  cafe\u0301\r\nline \n"));
    }

    [Fact]
    public void Part_boundaries_matter()
    {
        Assert.NotEqual(RowId.FromContent("ab", "c"), RowId.FromContent("a", "bc"));
    }
}
