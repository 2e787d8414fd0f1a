package cn.hongqiao.samecity.publicservices.exchange;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * Each partner's messages through the adapter of the protocol agreed with it
 * ({@code services.exchange.partners.<region>.protocol}, the platform's own by default): a national
 * exchange format is one more {@link PartnerExchange} bean, chosen per partner in configuration.
 */
@Component
public class PartnerExchanges {

    private final ExchangeProperties properties;
    private final Map<String, PartnerExchange> byProtocol;

    PartnerExchanges(ExchangeProperties properties, List<PartnerExchange> adapters) {
        this.properties = properties;
        this.byProtocol = adapters.stream().collect(Collectors.toUnmodifiableMap(PartnerExchange::protocol, Function.identity()));
    }

    public PartnerExchange.Delivery deliver(String region, PartnerMessage message) {
        ExchangeProperties.Partner partner = properties.partners().get(region);
        String protocol = partner == null ? PartnerExchange.PLATFORM : partner.protocolOrDefault();
        PartnerExchange adapter = byProtocol.get(protocol);
        if (adapter == null) {
            return PartnerExchange.Delivery.refused("no adapter for protocol '" + protocol + "' (region " + region + "); known: "
                    + String.join(", ", byProtocol.keySet()));
        }
        return adapter.deliver(region, message);
    }
}
