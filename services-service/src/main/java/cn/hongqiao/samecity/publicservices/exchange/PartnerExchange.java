package cn.hongqiao.samecity.publicservices.exchange;

import org.jspecify.annotations.Nullable;

/**
 * Delivers a message to a partner region's system. One interface, one adapter per protocol: the
 * platform's own ({@link HttpPartnerExchange}, documented in docs/exchange/) today; a national
 * exchange format can be plugged in per partner behind it ({@link PartnerExchanges} picks the adapter).
 */
public interface PartnerExchange {

    /** The platform's own protocol (docs/exchange/). */
    String PLATFORM = "platform";

    /** The protocol this adapter speaks, as a partner's configuration names it. */
    String protocol();

    Delivery deliver(String region, PartnerMessage message);

    /** What came of one attempt: delivered, worth another try later, or refused for good. */
    record Delivery(Result result, @Nullable String detail) {

        public enum Result {
            DELIVERED, RETRY, REFUSED
        }

        public static Delivery delivered() {
            return new Delivery(Result.DELIVERED, null);
        }

        public static Delivery retry(String detail) {
            return new Delivery(Result.RETRY, detail);
        }

        public static Delivery refused(String detail) {
            return new Delivery(Result.REFUSED, detail);
        }
    }
}
