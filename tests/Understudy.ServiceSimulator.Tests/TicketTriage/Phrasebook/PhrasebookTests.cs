using Understudy.ServiceSimulator.TicketTriage;
using Understudy.ServiceSimulator.TicketTriage.Phrasebook;

namespace Understudy.ServiceSimulator.Tests.TicketTriage.Phrasebook;

/// <summary>The generator and the extractor share the phrasebook; these checks keep its cues unambiguous.</summary>
public sealed class PhrasebookTests
{
    private static readonly (string Name, IReadOnlyList<string> Sentences, IReadOnlyList<string> Cues)[] Attributes =
    [
        Describe("category", IssuePhrases.ByCategory),
        Describe("severity", SeverityPhrases.ByLevel),
        Describe("sentiment", SentimentPhrases.ByTone),
        Describe("tier", TierPhrases.ByTier),
        Describe("human request", HumanRequestPhrases.Requests),
    ];

    [Fact]
    public void Every_sentence_carries_exactly_the_cues_of_its_own_value()
    {
        AssertOwnCuesOnly(IssuePhrases.ByCategory);
        AssertOwnCuesOnly(SeverityPhrases.ByLevel);
        AssertOwnCuesOnly(SentimentPhrases.ByTone);
        AssertOwnCuesOnly(TierPhrases.ByTier);
    }

    [Fact]
    public void No_sentence_carries_a_cue_of_another_attribute()
    {
        foreach (var (name, sentences, _) in Attributes)
        {
            foreach (var (otherName, _, otherCues) in Attributes.Where(attribute => attribute.Name != name))
            {
                foreach (string sentence in sentences)
                {
                    string found = otherCues.FirstOrDefault(cue => CueMatcher.IndexOf(CueMatcher.Normalize(sentence), cue) >= 0) ?? "";
                    Assert.True(found.Length == 0, $"The {name} sentence \"{sentence}\" carries the {otherName} cue \"{found}\".");
                }
            }
        }
    }

    [Fact]
    public void Filler_text_carries_no_cue_and_no_product_or_order()
    {
        IEnumerable<string> filler = FillerPhrases.Greetings.Concat(FillerPhrases.Subjects).Concat(FillerPhrases.SignOffs)
            .Concat(FillerPhrases.SmallTalk).Concat(OrderIdPhrases.Sentences);
        string[] allCues = Attributes.SelectMany(attribute => attribute.Cues).Append(IssuePhrases.RefundCue).ToArray();

        foreach (string sentence in filler)
        {
            string normalized = CueMatcher.Normalize(sentence);
            Assert.DoesNotContain(allCues, cue => CueMatcher.IndexOf(normalized, cue) >= 0);
            Assert.Null(ProductCatalog.FindIn(normalized));
        }
    }

    [Fact]
    public void Only_billing_sentences_mention_a_refund()
    {
        foreach (TicketCategory category in IssuePhrases.ByCategory.Keys.Where(key => key != TicketCategory.Billing))
        {
            Assert.DoesNotContain(IssuePhrases.ByCategory.SentencesFor(category),
                sentence => CueMatcher.IndexOf(CueMatcher.Normalize(sentence), IssuePhrases.RefundCue) >= 0);
        }
    }

    [Theory]
    [InlineData("Our whole team is blocked.", "locked", false)]
    [InlineData("My account was locked.", "locked", true)]
    [InlineData("I cannot  LOG\nin today", "log in", true)]
    [InlineData("I can\u2019t log in", "can't log in", true)]
    public void CueMatcher_matches_whole_words_ignoring_case_spacing_and_apostrophe_style(string text, string cue, bool expected)
    {
        Assert.Equal(expected, CueMatcher.IndexOf(CueMatcher.Normalize(text), cue) >= 0);
    }

    private static void AssertOwnCuesOnly<TKey>(CuedPhrases<TKey> phrases)
        where TKey : notnull
    {
        foreach (TKey key in phrases.Keys)
        {
            foreach (string sentence in phrases.SentencesFor(key))
            {
                string text = CueMatcher.Normalize(sentence.Replace(IssuePhrases.ProductSlot, "Lumen Desk Lamp", StringComparison.Ordinal));
                Assert.Equal([key], phrases.FindIn(text));
            }
        }
    }

    private static (string, IReadOnlyList<string>, IReadOnlyList<string>) Describe<TKey>(string name, CuedPhrases<TKey> phrases)
        where TKey : notnull =>
        (name, phrases.Keys.SelectMany(phrases.SentencesFor).ToList(), phrases.AllCues.ToList());
}
