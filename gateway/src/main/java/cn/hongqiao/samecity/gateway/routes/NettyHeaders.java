package cn.hongqiao.samecity.gateway.routes;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.support.Netty4HeadersAdapter;

/**
 * Headers on their way through the gateway, kept in Netty's own form: header filters see them as
 * Spring's {@link HttpHeaders}, and the routing filter ({@link RouteClients}) copies them entry by
 * entry into the request it sends or the response it writes. Through Spring's view the same copy
 * would first build a case-insensitive map of the names and look each one up again (with the map
 * Spring Cloud Gateway copies headers into, 3–7 % of the gateway's CPU per request, JFR 2026-12-06).
 * A copy made here is not validated: what it holds came through Netty's validating decoder or from
 * the gateway, and whatever receives it validates each header again.
 */
final class NettyHeaders extends HttpHeaders {

    private static final DefaultHttpHeadersFactory UNCHECKED = DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private final io.netty.handler.codec.http.HttpHeaders netty;

    private NettyHeaders(io.netty.handler.codec.http.HttpHeaders netty) {
        super(new Netty4HeadersAdapter(netty));
        this.netty = netty;
    }

    /** None yet, for a header filter to fill. */
    static NettyHeaders empty() {
        return new NettyHeaders(UNCHECKED.newHeaders());
    }

    /** A copy of what a service answered, for the response's header filters to change. */
    static NettyHeaders copyOf(io.netty.handler.codec.http.HttpHeaders answered) {
        NettyHeaders copy = empty();
        copy.netty.add(answered);
        return copy;
    }

    /** Into headers Reactor Netty sends: each entry as it is, validated there. */
    void addTo(io.netty.handler.codec.http.HttpHeaders sent) {
        sent.add(netty);
    }

    /** Into Spring's headers of a response: each entry as it is, through one look-up of the response's headers. */
    void addTo(HttpHeaders response) {
        Iterator<Map.Entry<CharSequence, CharSequence>> entries = netty.iteratorCharSequence();
        while (entries.hasNext()) {
            Map.Entry<CharSequence, CharSequence> entry = entries.next();
            response.add(entry.getKey().toString(), entry.getValue().toString());
        }
    }

    /**
     * The names, case-insensitive, as Spring Cloud Gateway hands them to the filters after routing
     * ({@code CLIENT_RESPONSE_HEADER_NAMES}), built only if one of them asks for more than a look-up.
     */
    static Set<String> namesOf(HttpHeaders headers) {
        return new AbstractSet<>() {
            @Override
            public boolean contains(Object name) {
                return name instanceof String text && headers.containsHeader(text);
            }

            @Override
            public Iterator<String> iterator() {
                return headers.headerNames().iterator();
            }

            @Override
            public int size() {
                return headers.headerNames().size();
            }
        };
    }
}
