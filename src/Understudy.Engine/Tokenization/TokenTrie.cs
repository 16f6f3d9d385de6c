namespace Understudy.Engine.Tokenization;

/// <summary>A character trie over added-token contents that finds the longest token starting at a position.</summary>
internal sealed class TokenTrie
{
    private readonly Node _root = new();

    public bool IsEmpty => _root.Children.Count == 0;

    public void Add(AddedToken token)
    {
        Node node = _root;
        foreach (char c in token.Content)
        {
            if (!node.Children.TryGetValue(c, out Node? child))
            {
                child = new Node();
                node.Children[c] = child;
            }
            node = child;
        }
        node.Token = token;
    }

    public AddedToken? LongestMatchAt(string text, int start, bool matchSpecial)
    {
        Node node = _root;
        AddedToken? longest = null;
        for (int i = start; i < text.Length; i++)
        {
            if (!node.Children.TryGetValue(text[i], out Node? child)) break;
            node = child;
            if (node.Token is not null && (matchSpecial || !node.Token.Special)) longest = node.Token;
        }
        return longest;
    }

    private sealed class Node
    {
        public Dictionary<char, Node> Children { get; } = [];

        public AddedToken? Token { get; set; }
    }
}
