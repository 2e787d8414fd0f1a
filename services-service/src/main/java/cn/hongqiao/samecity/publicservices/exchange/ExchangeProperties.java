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
 * @param legs         each leg's limit in working days, unless the partner's agreement sets its own
 * @param relayEvery   how often the relay looks for messages due
 * @param leaseFor     how long a relay's lease lasts if its replica dies holding it (a round stops at half of it)
 * @param batch        messages the relay takes per round
 * @param firstRetry   the wait after the first failed attempt; it doubles with each failure...
 * @param longestRetry ...up to this, each wait with up to ±{@code jitter} of itself at random
 * @param maxAttempts  after this many failed attempts a message is parked for an operator
 */
@ConfigurationProperties("services.exchange")
public record ExchangeProperties(Map<String, Partner> partners, String intakeOffice, Legs legs, Duration relayEvery, Duration leaseFor, int batch, Duration firstRetry, Duration longestRetry,
        double jitter, int maxAttempts) {

    public ExchangeProperties {
        partners = partners == null ? Map.of() : Map.copyOf(partners);
        intakeOffice = intakeOffice == null || intakeOffice.isBlank() ? "红桥区政务服务办公室" : intakeOffice;
        legs = legs == null ? Legs.DEFAULTS : legs.orElse(Legs.DEFAULTS);
        relayEvery = relayEvery == null ? Duration.ofSeconds(2) : relayEvery;
        leaseFor = leaseFor == null ? Duration.ofMinutes(2) : leaseFor;
        batch = batch <= 0 ? 50 : batch;
        firstRetry = firstRetry == null ? Duration.ofSeconds(5) : firstRetry;
        longestRetry = longestRetry == null ? Duration.ofMinutes(10) : longestRetry;
        jitter = jitter <= 0 || jitter > 1 ? 0.2 : jitter;
        maxAttempts = maxAttempts <= 0 ? 20 : maxAttempts;
    }

    /**
     * Working days for the intake window's legs of a case (the decision's limit is the item's):
     * push it to the deciding office, mail the paper originals, deliver the result. Defaults from a
     * published agreement (内蒙古 全区通办): 1, 2 and 1.
     */
    public record Legs(@Nullable Integer push, @Nullable Integer originals, @Nullable Integer result) {

        public static final Legs DEFAULTS = new Legs(1, 2, 1);

        /** These, with what they leave out taken from {@code defaults}. */
        public Legs orElse(Legs defaults) {
            return new Legs(push != null ? push : defaults.push(), originals != null ? originals : defaults.originals(),
                    result != null ? result : defaults.result());
        }
    }

    /** The legs' limits agreed with {@code region}. */
    public Legs legsWith(String region) {
        Partner partner = partners.get(region);
        return partner == null || partner.legs() == null ? legs : partner.legs().orElse(legs);
    }

    /** A partner's exchange endpoint ({@code url}, where its hand-offs API lives), our credential there, and the legs' limits agreed with it. */
    public record Partner(@Nullable URI url, @Nullable String token, @Nullable Duration timeout, @Nullable Legs legs, @Nullable String protocol) {

        /** The protocol agreed with the partner: the platform's own unless it says otherwise. */
        public String protocolOrDefault() {
            return protocol == null || protocol.isBlank() ? PartnerExchange.PLATFORM : protocol;
        }

        /** Connected: it has an address. */
        public boolean connected() {
            return url != null && !url.toString().isBlank();
        }

        public Duration timeoutOrDefault() {
            return timeout == null ? Duration.ofSeconds(5) : timeout;
        }
    }
}
