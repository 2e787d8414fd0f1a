package cn.hongqiao.samecity.publicservices.exchange;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code services.exchange}: each partner region's system (by region code: its address and the
 * bearer credential it gave us, from a Secret in Kubernetes) and how the relay delivers.
 *
 * @param partners     by region code, e.g. {@code 110106}
 * @param intakeOffice the Hongqiao desk that takes in partner regions' items (its officers' queue)
 * @param relayEvery   how often the relay looks for messages due
 * @param batch        messages the relay takes per round
 * @param firstRetry   the wait after the first failed attempt; it doubles with each failure...
 * @param longestRetry ...up to this, each wait with up to ±{@code jitter} of itself at random
 * @param maxAttempts  after this many failed attempts a message is parked for an operator
 */
@ConfigurationProperties("services.exchange")
public record ExchangeProperties(Map<String, Partner> partners, String intakeOffice, Duration relayEvery, int batch, Duration firstRetry, Duration longestRetry,
        double jitter, int maxAttempts) {

    public ExchangeProperties {
        partners = partners == null ? Map.of() : Map.copyOf(partners);
        intakeOffice = intakeOffice == null || intakeOffice.isBlank() ? "红桥区政务服务办公室" : intakeOffice;
        relayEvery = relayEvery == null ? Duration.ofSeconds(2) : relayEvery;
        batch = batch <= 0 ? 50 : batch;
        firstRetry = firstRetry == null ? Duration.ofSeconds(5) : firstRetry;
        longestRetry = longestRetry == null ? Duration.ofMinutes(10) : longestRetry;
        jitter = jitter <= 0 || jitter > 1 ? 0.2 : jitter;
        maxAttempts = maxAttempts <= 0 ? 20 : maxAttempts;
    }

    /** A partner's exchange endpoint ({@code url}, where its hand-offs API lives) and our credential there. */
    public record Partner(@Nullable URI url, @Nullable String token, @Nullable Duration timeout) {

        /** Connected: it has an address. */
        public boolean connected() {
            return url != null && !url.toString().isBlank();
        }

        public Duration timeoutOrDefault() {
            return timeout == null ? Duration.ofSeconds(5) : timeout;
        }
    }
}
