package cn.hongqiao.samecity.gateway.edge;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code platform.edge.*}: what the gateway does to every request at the edge.
 *
 * @param corsOrigins          portal origins allowed to call the API from a browser
 * @param identityHeaderPrefixes request headers a client must not set: identity is the token's,
 *                             never a header's, so these are dropped before routing
 */
@ConfigurationProperties("platform.edge")
public record EdgeProperties(List<String> corsOrigins, List<String> identityHeaderPrefixes) {

    public EdgeProperties {
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        identityHeaderPrefixes = identityHeaderPrefixes == null
                ? List.of("x-user", "x-auth", "x-roles", "x-forwarded-user", "x-remote-user", "x-principal", "x-department")
                : identityHeaderPrefixes.stream().map(p -> p.toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
