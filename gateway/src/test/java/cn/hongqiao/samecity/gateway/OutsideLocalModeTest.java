package cn.hongqiao.samecity.gateway;

import cn.hongqiao.samecity.defaults.security.LocalTokenIssuer;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** Outside local mode the gateway trusts only the configured OIDC provider, and hands out no tokens. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OutsideLocalModeTest {

    static final WireMockServer provider = new WireMockServer(options().dynamicPort());
    static final RSAKey providerKey;
    static final RSAKey otherKey;

    static {
        try {
            providerKey = new RSAKeyGenerator(2048).keyID("provider").generate();
            otherKey = new RSAKeyGenerator(2048).keyID("provider").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        provider.start();
        provider.stubFor(get(urlEqualTo("/certs")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(providerKey.toPublicJWK()).toString())));
    }

    @AfterAll
    static void stop() {
        provider.stop();
    }

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> provider.baseUrl() + "/certs");
    }

    static String token(RSAKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("officer-1").claim("roles", java.util.List.of("officer"))
                        .expirationTime(new java.util.Date(System.currentTimeMillis() + 60_000)).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Autowired
    WebTestClient web;
    @Autowired
    ApplicationContext context;

    @Test
    void theLocalTokenEndpointDoesNotExist() {
        assertThat(context.getBeanNamesForType(LocalTokenIssuer.class)).isEmpty();
        web.post().uri("/api/v1/local/tokens").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"role\":\"admin\"}")
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void onlyTokensSignedByTheProvidersKeysAreTrusted() throws Exception {
        // the gateway's own operations: another key's token is not trusted, the provider's is (and has no auditor's role)
        web.get().uri("/api/v1/audit/verification").header("Authorization", "Bearer " + token(otherKey))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/v1/audit/verification").header("Authorization", "Bearer " + token(providerKey))
                .exchange().expectStatus().isForbidden();
        // a route's requests are the service's to decide (it checks the token itself): passed on, to a backend not running here
        web.post().uri("/api/v1/projects").header("Authorization", "Bearer " + token(otherKey))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isEqualTo(503);
    }
}
