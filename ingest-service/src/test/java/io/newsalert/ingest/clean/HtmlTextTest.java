package io.newsalert.ingest.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void decodesEntitiesDropsScriptsAndNormalisesWhitespace() {
        assertThat(HtmlText.toText("<p>Ein&nbsp;<b>fetter</b>\n\n Text</p><script>evil()</script><style>p{}</style>"))
                .isEqualTo("Ein fetter Text");
        assertThat(HtmlText.toText("Fish &amp; Chips &#8211; &quot;gut&quot;")).isEqualTo("Fish & Chips – \"gut\"");
        assertThat(HtmlText.toText("  plain   title ")).isEqualTo("plain title");
        assertThat(HtmlText.toText(null)).isNull();
    }

    @Test
    void abbreviatesAtAWordBoundary() {
        assertThat(HtmlText.abbreviate("eins zwei drei vier", 12)).isEqualTo("eins zwei…");
        assertThat(HtmlText.abbreviate("kurz", 12)).isEqualTo("kurz");
    }
}
