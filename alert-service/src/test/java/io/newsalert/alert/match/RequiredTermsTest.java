package io.newsalert.alert.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.alert.query.QueryCompiler;
import java.util.List;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

/** What the candidate index keeps of a branch. */
class RequiredTermsTest {

    private final QueryCompiler compiler = new QueryCompiler();
    private final RewritingDecomposer decomposer = new RewritingDecomposer();

    @Test
    void equalLeavesOfDifferentQueriesAreOneObject() throws Exception {
        // An article's term places are memoised by leaf identity: "Ukraine" in two queries must be one leaf.
        List<RequiredTerms.Leaf> word = leaves("Ukraine");
        List<RequiredTerms.Leaf> inBoth = leaves("Ukraine AND Putin");
        List<RequiredTerms.Leaf> phrase = leaves("\"russische Truppen\"");
        List<RequiredTerms.Leaf> phraseAgain = leaves("\"russische Truppen\"");
        assertThat(word).isNotEmpty();
        assertThat(inBoth).anySatisfy(leaf -> assertThat(leaf).isSameAs(word.get(0)));
        // One pair per field the phrase is asked in.
        assertThat(phrase).isNotEmpty().allMatch(leaf -> leaf instanceof RequiredTerms.PairLeaf).hasSameSizeAs(phraseAgain);
        for (int i = 0; i < phrase.size(); i++) {
            assertThat(phraseAgain.get(i)).isSameAs(phrase.get(i));
        }
        assertThat(leaves("Russland")).noneMatch(leaf -> word.contains(leaf));
    }

    /** The leaves of the query's branches, all of which the index decides. */
    private List<RequiredTerms.Leaf> leaves(String query) throws Exception {
        return decomposer.decompose(compiler.compile(query).query()).stream()
                .map((Query b) -> RequiredTerms.requirement(b))
                .peek(r -> assertThat(r.decided()).as(query).isTrue())
                .flatMap(r -> r.leaves().stream()).toList();
    }
}
