package cn.hongqiao.samecity.defaults.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.jspecify.annotations.NullMarked;

/**
 * Local mode's token issuer: real RS256-signed JWTs for demo users, so that every process checks
 * signatures exactly as it does against a production OIDC provider. The key lives in one file
 * that all local processes share; whichever process starts first creates it (atomically, so two
 * processes starting together end up with the same key).
 *
 * <p>Exists only where {@code platform.security.local-tokens.enabled=true}: never in production.
 */
public final class LocalTokenIssuer {

    public static final String ISSUER = "urn:samecity:local";
    static final String KEY_FILE = "local-signing-key.jwk.json";

    /** Demo users, one per role. */
    public static final Map<String, DemoUser> DEMO_USERS = Map.of(
            Roles.CITIZEN, new DemoUser("citizen-demo", "张市民", Roles.CITIZEN, null),
            Roles.ENTERPRISE, new DemoUser("enterprise-demo", "示例企业经办人", Roles.ENTERPRISE, null),
            Roles.OFFICER, new DemoUser("officer-demo", "红桥区发改委示例干部", Roles.OFFICER, "红桥区发展和改革委员会"),
            Roles.ADMIN, new DemoUser("admin-demo", "平台管理员", Roles.ADMIN, null),
            Roles.PARTNER, new DemoUser("partner-demo", "合作地区政务服务系统", Roles.PARTNER, null),
            Roles.AUDITOR, new DemoUser("auditor-demo", "审计管理员", Roles.AUDITOR, null));

    public record DemoUser(String subject, String name, String role, String department) {
    }

    @NullMarked
    public record IssuedToken(String accessToken, String tokenType, long expiresIn, String subject, List<String> roles) {
    }

    private final RSAKey key;
    private final NimbusJwtEncoder encoder;
    private final Duration ttl;
    private final Clock clock;

    public LocalTokenIssuer(Path keyDir, Duration ttl, Clock clock) {
        this.key = loadOrCreate(keyDir.resolve(KEY_FILE));
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        this.ttl = ttl;
        this.clock = clock;
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("Local signing key is unusable", e);
        }
    }

    /** A token for the demo user of {@code role}, optionally under another subject (to act as a second user). */
    public IssuedToken issue(String role, String subjectOverride) {
        return issue(role, subjectOverride, null);
    }

    /** ... and, for an officer, of another department than the demo officer's. */
    public IssuedToken issue(String role, String subjectOverride, String departmentOverride) {
        return issue(role, subjectOverride, departmentOverride, null);
    }

    /** ... and, for an enterprise user, the enterprise record it acts for (claim {@code enterpriseId}). */
    public IssuedToken issue(String role, String subjectOverride, String departmentOverride, String enterpriseId) {
        return issue(role, subjectOverride, departmentOverride, enterpriseId, null);
    }

    /** ... and, for a partner region's system, its region (claim {@code region}, e.g. 110106). */
    public IssuedToken issue(String role, String subjectOverride, String departmentOverride, String enterpriseId, String region) {
        DemoUser user = DEMO_USERS.get(role);
        if (user == null) {
            throw new IllegalArgumentException("Unknown role '" + role + "'; one of " + Roles.ALL);
        }
        String subject = subjectOverride == null || subjectOverride.isBlank() ? user.subject() : subjectOverride;
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(subject)
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("name", user.name())
                .claim("roles", List.of(user.role()));
        String department = departmentOverride != null && !departmentOverride.isBlank() ? departmentOverride : user.department();
        if (department != null) {
            claims.claim("department", department);
        }
        if (enterpriseId != null && !enterpriseId.isBlank()) {
            claims.claim("enterpriseId", enterpriseId);
        }
        if (region != null && !region.isBlank()) {
            claims.claim("region", region);
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new IssuedToken(token, "Bearer", ttl.toSeconds(), subject, List.of(user.role()));
    }

    private static RSAKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                RSAKey generated = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
                Path temp = Files.createTempFile(file.getParent(), "key", ".tmp");
                try {
                    restrictToOwner(temp);
                    Files.writeString(temp, generated.toJSONString(), StandardCharsets.UTF_8);
                    Files.createLink(file, temp); // fails if another process got there first
                } catch (FileAlreadyExistsException raced) {
                    // the other process's key wins; read it below
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the local signing key " + file, e);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("The local signing key " + file + " is unusable; delete it to make a new one", e);
        }
    }

    private static void restrictToOwner(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system
        }
    }
}
