package cn.hongqiao.samecity.defaults.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The firewall's character rules without regular expressions allow exactly what Spring Security's own allow. */
class StrictFirewallTest {

    @Test
    void headerNamesAndValuesAreJudgedAsSpringSecurityJudgesThemForEveryCodePoint() {
        assertSameVerdicts(StrictFirewall.NAMES, StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES);
        assertSameVerdicts(StrictFirewall.VALUES, StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES);
        assertSameVerdicts(StrictFirewall.NAMES, StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES);
    }

    @Test
    void aValueIsRefusedForOneBadCharacterAnywhereAndATabIsAllowedInValuesOnly() {
        String token = "Bearer eyJhbGciOiJSUzI1NiJ9." + "a".repeat(600) + ".sig";
        assertThat(StrictFirewall.VALUES.test(token)).isTrue();
        assertThat(StrictFirewall.VALUES.test(token + "\u0085")).isFalse();
        assertThat(StrictFirewall.VALUES.test("\u0000" + token)).isFalse();
        assertThat(StrictFirewall.VALUES.test("城市\u2028")).isTrue();
        assertThat(StrictFirewall.VALUES.test("a\tb")).isTrue();
        assertThat(StrictFirewall.NAMES.test("a\tb")).isFalse();
        assertThat(StrictFirewall.VALUES.test("\uD83D\uDE00 ok")).isTrue();
        assertThat(StrictFirewall.VALUES.test("\uD83D")).isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test("\uD83D"));
        assertThat(StrictFirewall.NAMES.test(null)).isTrue();
    }

    @Test
    void theFirewallKeepsSpringSecuritysOtherRulesAndRefusesABadHeaderWhenItIsRead() {
        StrictServerWebExchangeFirewall firewall = StrictFirewall.create();
        assertThatThrownBy(() -> firewalled(firewall, MockServerHttpRequest.get("/api/v1/projects/%2e%2e/actuator").build()))
                .isInstanceOf(ServerExchangeRejectedException.class);
        assertThatThrownBy(() -> firewalled(firewall, MockServerHttpRequest.get("/api/v1/projects;x=1").build()))
                .isInstanceOf(ServerExchangeRejectedException.class);
        ServerWebExchange exchange = firewalled(firewall, MockServerHttpRequest.get("/api/v1/projects")
                .header("X-Note", "bad\u0085value").header("Accept-Language", "zh-CN").build());
        assertThat(exchange.getRequest().getHeaders().getFirst("Accept-Language")).isEqualTo("zh-CN");
        assertThatThrownBy(() -> exchange.getRequest().getHeaders().getFirst("X-Note"))
                .isInstanceOf(ServerExchangeRejectedException.class);
    }

    private static ServerWebExchange firewalled(StrictServerWebExchangeFirewall firewall, MockServerHttpRequest request) {
        return firewall.getFirewalledExchange(MockServerWebExchange.from(request)).block();
    }

    /** Every code point alone, and after printable ASCII (the loop's quick path) and before it. */
    private static void assertSameVerdicts(Predicate<String> ours, Predicate<String> springs) {
        List<String> differing = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = Character.toString(codePoint);
            for (String value : List.of(alone, "Bearer x" + alone, alone + "x")) {
                if (ours.test(value) != springs.test(value)) {
                    differing.add(Integer.toHexString(codePoint) + " in \"" + value + "\"");
                }
            }
        }
        assertThat(differing).isEmpty();
    }
}
