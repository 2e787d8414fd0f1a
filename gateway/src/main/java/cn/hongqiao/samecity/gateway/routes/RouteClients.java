package cn.hongqiao.samecity.gateway.routes;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_HEADER_NAMES;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.ORIGINAL_RESPONSE_CONTENT_TYPE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.PRESERVE_HOST_HEADER_ATTRIBUTE;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.isAlreadyRouted;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.setAlreadyRouted;

/**
 * Spring Cloud Gateway's routing filter, each route's HTTP client configured once rather than on
 * every request, and a request's headers and address handed to Reactor Netty in the form it uses.
 * <p>
 * Clients: for a route with its own connect timeout, Spring Cloud Gateway copies its whole HTTP
 * client configuration on every request; and it times a route's response timeout with Reactor's
 * {@code timeout} operator, which schedules a task on Reactor's parallel scheduler (another thread's
 * queue, under its lock) for every request and cancels it when the answer comes. Here a route's
 * client carries its connect timeout and Reactor Netty's response timeout, which the connection's own
 * event loop keeps, and is made the first time the route is used (again when its routes are rebuilt).
 * A route names its response timeout in {@link #RESPONSE_TIMEOUT_ATTR} (milliseconds); Spring Cloud
 * Gateway's {@code response-timeout} (the route's, else the global one; negative: none) is kept the
 * same way when a route names none. A service that does not answer in time fails the call with
 * Netty's {@code ReadTimeoutException}; the route's breaker counts it and {@link Unavailable}
 * answers 503 with reason {@code timeout}. Reactor Netty allows the time between reads of the
 * answer, so a service that keeps sending is not cut off mid-answer.
 * <p>
 * Calls ({@link #filter}): what Spring Cloud Gateway's filter does, in the same order and with the
 * same exchange attributes for the filters after it (the service's response and connection, its
 * content type, its header names), without three costs it adds to every request (JFR of the gateway
 * under load, 2026-12-06): the address the gateway already parsed is given to Reactor Netty as that
 * {@link URI}, where Spring Cloud Gateway gives it as text, which Reactor Netty parses again with a
 * regular expression (1.3 % of the gateway's CPU); headers both ways stay in Netty's form
 * ({@link NettyHeaders}) and are copied entry by entry, where Spring Cloud Gateway copies them into
 * a map that lower-cases every name on every look-up and then out of it through a set of the names
 * (3–7 % as the request carries a token or not); the route's client is used as it is, not wrapped in
 * a {@code Mono} per request. Measured side by side with the gateway before it: 56 → 46 KB allocated
 * per request on the event loops, CPU per request 0.83–0.94 × (anonymous) in alternating rounds.
 * One difference: an answer with both {@code Content-Length} and {@code Transfer-Encoding} loses the
 * latter, as Spring Cloud Gateway's comment says it should (its condition removes it only where it is
 * absent). {@code GatewayRoutingTest} walks requests and answers through it.
 * Installed in place of Spring Cloud Gateway's bean by {@link #replacingSpringCloudGateways}.
 */
final class RouteClients extends NettyRoutingFilter {

    /** Route metadata: how long (milliseconds) the route's service may take to answer. */
    static final String RESPONSE_TIMEOUT_ATTR = "platform-response-timeout";

    private final HttpClient shared;
    private final HttpClientProperties properties;
    private final Map<String, Configured> byRoute = new ConcurrentHashMap<>();

    RouteClients(HttpClient shared, ObjectProvider<List<HttpHeadersFilter>> headersFilters, HttpClientProperties properties) {
        super(shared, headersFilters, properties);
        this.shared = shared;
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getRequiredAttribute(GATEWAY_REQUEST_URL_ATTR);
        String scheme = url.getScheme();
        if (isAlreadyRouted(exchange) || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            return chain.filter(exchange);
        }
        setAlreadyRouted(exchange);
        ServerHttpRequest request = exchange.getRequest();
        Route route = exchange.getRequiredAttribute(GATEWAY_ROUTE_ATTR);
        HttpHeaders sent = HttpHeadersFilter.filterRequest(getHeadersFilters(), exchange);
        boolean preserveHost = exchange.getAttributeOrDefault(PRESERVE_HOST_HEADER_ATTRIBUTE, false);
        HttpClient.RequestSender call = getHttpClient(route, exchange)
                .headers(headers -> {
                    if (sent instanceof NettyHeaders own) {
                        own.addTo(headers);
                    } else {
                        sent.forEach(headers::add);
                    }
                    // Netty writes the host from the address, unless the route keeps the caller's
                    headers.remove(HttpHeaderNames.HOST);
                    if (preserveHost) {
                        headers.add(HttpHeaderNames.HOST, request.getHeaders().getFirst(HttpHeaders.HOST));
                    }
                })
                .request(HttpMethod.valueOf(request.getMethod().name()));
        // a URI with characters beyond ASCII goes as Spring Cloud Gateway sends it: percent-encoded text
        HttpClient.RequestSender addressed = isAscii(url.getRawPath()) && isAscii(url.getRawQuery())
                ? call.uri(url) : call.uri(url.toASCIIString());
        return addressed
                .send((req, outbound) -> outbound.send(request.getBody().map(this::getByteBuf)))
                .responseConnection((answer, connection) -> received(exchange, answer, connection))
                .then(chain.filter(exchange));
    }

    /** The service's answer as the filters after this one read it: its status and filtered headers on the response. */
    private Mono<HttpClientResponse> received(ServerWebExchange exchange, HttpClientResponse answer, Connection connection) {
        exchange.getAttributes().put(CLIENT_RESPONSE_ATTR, answer);
        exchange.getAttributes().put(CLIENT_RESPONSE_CONN_ATTR, connection);
        HttpHeaders headers = NettyHeaders.copyOf(answer.responseHeaders());
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        if (StringUtils.hasLength(contentType)) {
            exchange.getAttributes().put(ORIGINAL_RESPONSE_CONTENT_TYPE_ATTR, contentType);
        }
        ServerHttpResponse response = exchange.getResponse();
        // before the header filters, which may read it
        response.setStatusCode(HttpStatusCode.valueOf(answer.status().code()));
        HttpHeaders filtered = HttpHeadersFilter.filter(getHeadersFilters(), headers, exchange, HttpHeadersFilter.Type.RESPONSE);
        if (filtered.containsHeader(HttpHeaders.CONTENT_LENGTH)) {
            filtered.remove(HttpHeaders.TRANSFER_ENCODING);
        }
        exchange.getAttributes().put(CLIENT_RESPONSE_HEADER_NAMES, NettyHeaders.namesOf(filtered));
        // a response committed earlier in the chain can take no more headers
        if (!response.isCommitted()) {
            if (filtered instanceof NettyHeaders own) {
                own.addTo(response.getHeaders());
            } else {
                response.getHeaders().addAll(filtered);
            }
        }
        return Mono.just(answer);
    }

    private static boolean isAscii(@Nullable String text) {
        if (text != null) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) >= 0x80) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
        Configured configured = byRoute.get(route.getId());
        if (configured == null || configured.route() != route) {
            configured = new Configured(route, configure(route, exchange));
            byRoute.put(route.getId(), configured);
        }
        return configured.client();
    }

    private HttpClient configure(Route route, ServerWebExchange exchange) {
        Map<String, Object> metadata = route.getMetadata();
        HttpClient client = metadata.containsKey(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR)
                ? shared.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(millis(metadata.get(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR))))
                : super.getHttpClient(route, exchange);
        Duration responseTimeout = responseTimeout(metadata);
        return responseTimeout == null ? client : client.responseTimeout(responseTimeout);
    }

    /** The platform's own, else Spring Cloud Gateway's for the route (negative: none), else its global one. */
    private @Nullable Duration responseTimeout(Map<String, Object> metadata) {
        Object platforms = metadata.get(RESPONSE_TIMEOUT_ATTR);
        if (platforms != null) {
            return Duration.ofMillis(millis(platforms));
        }
        Object springCloudGateways = metadata.get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
        if (springCloudGateways != null) {
            long millis = millis(springCloudGateways);
            return millis < 0 ? null : Duration.ofMillis(millis);
        }
        return properties.getResponseTimeout();
    }

    /** Milliseconds as route metadata holds them: a number from code, text from configuration. */
    private static long millis(Object value) {
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().trim());
    }

    /** A route's client, while the route is the one the gateway routes with. */
    private record Configured(Route route, HttpClient client) {
    }

    /** Spring Cloud Gateway defines its routing filter without a condition to back off: its bean is swapped for this. */
    static BeanPostProcessor replacingSpringCloudGateways(ObjectProvider<HttpClient> httpClient,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters, ObjectProvider<HttpClientProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
                return bean.getClass() == NettyRoutingFilter.class
                        ? new RouteClients(httpClient.getObject(), headersFilters, properties.getObject()) : bean;
            }
        };
    }
}
