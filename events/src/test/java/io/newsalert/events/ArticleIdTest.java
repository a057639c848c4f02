package io.newsalert.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArticleIdTest {

    @Test
    void trackingParametersFragmentAndCaseDoNotChangeTheId() {
        String plain = ArticleId.of(null, false, "https://www.tagesschau.de/ausland/europa/ukraine-123.html?page=2");
        String tracked = ArticleId.of(null, false,
                "HTTPS://WWW.Tagesschau.DE:443/ausland/europa/ukraine-123.html?utm_source=rss&page=2&fbclid=x&gclid=y#kommentare");
        assertThat(tracked).isEqualTo(plain).hasSize(16).matches("[0-9a-f]{16}");
    }

    @Test
    void canonicalLinkKeepsOtherParametersInOrderAndPathCase() {
        assertThat(ArticleId.canonicalLink("Http://Example.COM/A/B?z=1&utm_medium=x&a=2#top"))
                .isEqualTo("http://example.com/A/B?z=1&a=2");
        assertThat(ArticleId.canonicalLink("https://example.com")).isEqualTo("https://example.com/");
        assertThat(ArticleId.canonicalLink("http://example.com:8080/x")).isEqualTo("http://example.com:8080/x");
    }

    @Test
    void parameterOrderIsMeaningful() {
        assertThat(ArticleId.of(null, false, "https://e.de/a?x=1&y=2"))
                .isNotEqualTo(ArticleId.of(null, false, "https://e.de/a?y=2&x=1"));
    }

    @Test
    void differentArticlesGetDifferentIds() {
        assertThat(ArticleId.of(null, false, "https://e.de/a")).isNotEqualTo(ArticleId.of(null, false, "https://e.de/b"));
    }

    @Test
    void permalinkGuidIsTreatedAsTheLinkSoTwoFeedsAgree() {
        String viaGuid = ArticleId.of("https://e.de/story?utm_campaign=feed1", true, "https://e.de/story?utm_campaign=feed1");
        String viaLinkOnly = ArticleId.of(null, false, "https://E.de/story");
        assertThat(viaGuid).isEqualTo(viaLinkOnly);
    }

    @Test
    void opaqueGuidIsUsedOnlyWithoutLink() {
        assertThat(ArticleId.of("urn:uuid:1234", false, "https://e.de/story")).isEqualTo(ArticleId.of(null, false, "https://e.de/story"));
        assertThat(ArticleId.of("urn:uuid:1234", false, null)).isEqualTo(ArticleId.of("urn:uuid:1234", false, "  "));
        assertThat(ArticleId.of("urn:uuid:1234", false, null)).isNotEqualTo(ArticleId.of("urn:uuid:9999", false, null));
    }

    @Test
    void aStringThatIsNoUriStillHashesStably() {
        assertThat(ArticleId.of(null, false, "not a url [x]")).isEqualTo(ArticleId.of(null, false, " not a url [x] "));
    }

    @Test
    void anItemWithNeitherGuidNorLinkIsRefused() {
        assertThatThrownBy(() -> ArticleId.of(" ", false, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("guid or a link");
    }
}
