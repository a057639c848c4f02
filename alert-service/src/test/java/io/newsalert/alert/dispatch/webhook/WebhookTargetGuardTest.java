package io.newsalert.alert.dispatch.webhook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only address literals and localhost (from /etc/hosts): the test never asks real DNS. */
class WebhookTargetGuardTest {

    private final WebhookTargetGuard strict = new WebhookTargetGuard(List.of());

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1/hook", "http://localhost:8080/hook", "http://[::1]/hook", "http://10.1.2.3/hook",
        "http://172.16.0.1/hook", "http://192.168.1.1/hook", "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/hook", "http://100.64.0.1/hook", "http://[fd00::1]/hook", "http://[fe80::1]/hook",
        "http://[::ffff:127.0.0.1]/hook", "http://224.0.0.1/hook",
        // other spellings of internal addresses
        "http://2130706433/hook", "http://0/hook", "http://[::ffff:7f00:1]/hook", "http://[::127.0.0.1]/hook",
        "http://[::]/hook", "http://[0:0:0:0:0:ffff:a9fe:a9fe]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[64:ff9b:1::a00:1]/",
        "http://[2002:a9fe:a9fe::1]/", "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "http://[FE80::1]/hook",
        "http://192.0.0.170/", "http://255.255.255.255/", "http://[ff02::1]/"})
    void refusesInternalTargetsByDefault(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(WebhookTargetGuard.RefusedTarget.class)
                .hasMessageContaining("newsalert.delivery.ssrf.allow");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.216.34/x", "file:///etc/passwd", "http:///nohost", "not a url",
        "http://user:pw@93.184.216.34/hook", "http://127.1/hook", "http://127.0.0.1./hook"})
    void refusesWhatIsNotAPlainHttpUrl(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(WebhookTargetGuard.RefusedTarget.class);
    }

    @Test
    void letsPublicAddressesThrough() {
        assertThatCode(() -> strict.check("https://93.184.216.34/hook")).doesNotThrowAnyException();
        assertThatCode(() -> strict.check("https://[2606:2800:220:1:248:1893:25c8:1946]/hook")).doesNotThrowAnyException();
        // public IPv4 inside NAT64 / 6to4 is public
        assertThatCode(() -> strict.check("https://[64:ff9b::5db8:d822]/hook")).doesNotThrowAnyException();
        assertThatCode(() -> strict.check("https://[2002:5db8:d822::1]/hook")).doesNotThrowAnyException();
    }

    @Test
    void theAllowListOpensNamedHostsAndRanges() throws Exception {
        WebhookTargetGuard local = new WebhookTargetGuard(List.of("localhost", "127.0.0.0/8", "::1", "10.0.0.0/24"));
        local.check("http://localhost:9000/hook");
        local.check("http://127.0.0.1:9000/hook");
        local.check("http://127.8.9.10/hook");
        local.check("http://[::1]:9000/hook");
        local.check("http://10.0.0.200/hook");
        assertThatThrownBy(() -> local.check("http://10.0.1.1/hook")).isInstanceOf(WebhookTargetGuard.RefusedTarget.class);
        assertThatThrownBy(() -> local.check("http://169.254.169.254/")).isInstanceOf(WebhookTargetGuard.RefusedTarget.class);
    }

    @Test
    void aBadAllowListEntryIsAClearError() {
        assertThatThrownBy(() -> new WebhookTargetGuard(List.of("10.0.0.0/99")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/99");
    }
}
