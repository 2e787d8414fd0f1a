package cn.hongqiao.samecity.publicservices.exchange;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The platform's own exchange protocol over HTTP, the same in both directions (docs/exchange/): a
 * hand-off is {@code POST {url}/hand-offs}, every later message {@code POST {url}/hand-offs/{correlationId}/messages},
 * each answered by a receipt naming the message. A 2xx with a receipt for this message is delivered;
 * a timeout, a refused connection, 408, 429, a 5xx or an answer that is not that receipt is tried
 * again later; any other 4xx is the partner refusing the message for good.
 */
@Component
class HttpPartnerExchange implements PartnerExchange {

    private static final Logger log = LoggerFactory.getLogger(HttpPartnerExchange.class);

    /** A {@link Receipt} as read, before it is trusted. */
    record ReadReceipt(@Nullable String correlationId, @Nullable Integer sequence, Receipt.@Nullable Status status) {
    }

    private final ExchangeProperties properties;
    private final RestClient.Builder builder;
    private final Map<String, RestClient> clients = new ConcurrentHashMap<>();

    HttpPartnerExchange(ExchangeProperties properties, ObjectProvider<RestClient.Builder> builder) {
        this.properties = properties;
        this.builder = builder.getIfAvailable(RestClient::builder);
    }

    @Override
    public String protocol() {
        return PLATFORM;
    }

    @Override
    public Delivery deliver(String region, PartnerMessage message) {
        ExchangeProperties.Partner partner = properties.partners().get(region);
        if (partner == null || !partner.connected()) {
            return Delivery.refused("no exchange endpoint configured for region " + region + " (services.exchange.partners." + region + ")");
        }
        RestClient client = clients.computeIfAbsent(region, r -> client(partner));
        try {
            RestClient.RequestBodySpec request = message.kind() == PartnerMessage.Kind.HAND_OFF
                    ? client.post().uri("/hand-offs")
                    : client.post().uri("/hand-offs/{correlationId}/messages", message.correlationId());
            ReadReceipt receipt = request.contentType(MediaType.APPLICATION_JSON).body(message).retrieve().body(ReadReceipt.class);
            if (receipt == null || !message.correlationId().equals(receipt.correlationId())
                    || !message.sequence().equals(receipt.sequence()) || receipt.status() == null) {
                return Delivery.retry("answer is not a receipt for " + message.correlationId() + "#" + message.sequence());
            }
            return Delivery.delivered();
        } catch (RestClientResponseException answered) {
            int status = answered.getStatusCode().value();
            String detail = "HTTP " + status + " " + abbreviate(answered.getResponseBodyAsString());
            return status == 408 || status == 429 || status >= 500 ? Delivery.retry(detail) : Delivery.refused(detail);
        } catch (ResourceAccessException unreachable) {
            return Delivery.retry("unreachable: " + unreachable.getMostSpecificCause().getMessage());
        } catch (RestClientException garbage) {
            log.debug("Unreadable answer from region {}", region, garbage);
            return Delivery.retry("unreadable answer: " + abbreviate(garbage.getMostSpecificCause().getMessage()));
        }
    }

    private RestClient client(ExchangeProperties.Partner partner) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                // HTTP/1.1: no h2c upgrade dance with partners' gateways
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(partner.timeoutOrDefault()).build());
        factory.setReadTimeout(partner.timeoutOrDefault());
        RestClient.Builder b = builder.clone().baseUrl(String.valueOf(partner.url())).requestFactory(factory);
        if (partner.token() != null && !partner.token().isBlank()) {
            b.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + partner.token());
        }
        return b.build();
    }

    private static String abbreviate(@Nullable String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
