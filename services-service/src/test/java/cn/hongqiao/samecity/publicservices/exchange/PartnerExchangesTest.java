package cn.hongqiao.samecity.publicservices.exchange;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each partner through the adapter of the protocol agreed with it; one nobody speaks is refused, to be parked with the reason. */
class PartnerExchangesTest {

    record Recording(String protocol, List<String> regions) implements PartnerExchange {
        @Override
        public Delivery deliver(String region, PartnerMessage message) {
            regions.add(region);
            return Delivery.delivered();
        }
    }

    static final PartnerMessage MESSAGE = new PartnerMessage("120106-20261202-6745f0c2a1b2c3d4e5f60718", 1, PartnerMessage.Kind.WITHDRAWAL,
            Instant.parse("2026-12-02T02:00:00Z"), "120106", null, null, null, null, null, null);

    static ExchangeProperties configured(Map<String, ExchangeProperties.Partner> partners) {
        return new ExchangeProperties(partners, null, null, null, null, 0, null, null, 0, 0);
    }

    static ExchangeProperties.Partner partner(String protocol) {
        return new ExchangeProperties.Partner(URI.create("https://exchange.example.gov.cn"), "token", null, null, protocol);
    }

    @Test
    void eachPartnerGetsTheProtocolAgreedWithIt() {
        Recording platform = new Recording(PartnerExchange.PLATFORM, new ArrayList<>());
        Recording national = new Recording("gjzwfw-2023", new ArrayList<>());
        PartnerExchanges exchanges = new PartnerExchanges(configured(Map.of("110106", partner(null), "130200", partner("gjzwfw-2023"))),
                List.of(platform, national));

        assertThat(exchanges.deliver("110106", MESSAGE).result()).isEqualTo(PartnerExchange.Delivery.Result.DELIVERED);
        assertThat(exchanges.deliver("130200", MESSAGE).result()).isEqualTo(PartnerExchange.Delivery.Result.DELIVERED);
        assertThat(platform.regions()).containsExactly("110106");
        assertThat(national.regions()).containsExactly("130200");
    }

    @Test
    void aProtocolNoAdapterSpeaksIsRefusedSayingWhich() {
        PartnerExchanges exchanges = new PartnerExchanges(configured(Map.of("110115", partner("ebxml-2.0"))),
                List.of(new Recording(PartnerExchange.PLATFORM, new ArrayList<>())));
        PartnerExchange.Delivery delivery = exchanges.deliver("110115", MESSAGE);
        assertThat(delivery.result()).isEqualTo(PartnerExchange.Delivery.Result.REFUSED);
        assertThat(delivery.detail()).contains("ebxml-2.0").contains("platform");
    }
}
