package cn.hongqiao.samecity.defaults.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code platform.security.*}.
 *
 * @param publicGet   path patterns anyone may read with GET (public reads); every other request
 *                    under the API needs a valid token, and writes a role checked by the endpoint
 * @param publicAny   path patterns open to anonymous callers for every method (for example the
 *                    local token endpoint, which exists only in local mode)
 * @param localTokens local mode's own token issuer
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(List<String> publicGet, List<String> publicAny, LocalTokens localTokens) {

    public PlatformSecurityProperties {
        publicGet = publicGet == null ? List.of() : List.copyOf(publicGet);
        publicAny = publicAny == null ? List.of() : List.copyOf(publicAny);
        localTokens = localTokens == null ? new LocalTokens(false, null, null) : localTokens;
    }

    /**
     * @param enabled only in local mode: this process trusts (and the gateway hands out) tokens
     *                signed by a key kept under {@code keyDir}, shared by the local processes
     * @param keyDir  folder of the local signing key
     * @param ttl     lifetime of a local token
     */
    public record LocalTokens(boolean enabled, Path keyDir, Duration ttl) {
        public LocalTokens {
            keyDir = keyDir == null ? Path.of(".local", "keys") : keyDir;
            ttl = ttl == null ? Duration.ofHours(8) : ttl;
        }
    }
}
