package cn.hongqiao.samecity.publicservices.applications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

import cn.hongqiao.samecity.defaults.scheduling.Lease;
import cn.hongqiao.samecity.publicservices.exchange.ExchangeProperties;
import cn.hongqiao.samecity.publicservices.exchange.PartnerExchange.Delivery;
import cn.hongqiao.samecity.publicservices.exchange.PartnerExchanges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the outboxes to partner regions, at least once and never out of order: every few
 * seconds, on one replica at a time (the {@link Lease} {@code exchange-relay}), it takes the
 * applications with a message due ({@code outboxDueAt}) and sends each one's messages in sequence,
 * stopping at the first that fails (so a later status never overtakes an earlier one). What it
 * records is saved with the application's version, so a desk officer's concurrent move is never
 * lost (the relay reads again and records again). A message is sent again only when its receipt was
 * not recorded, with the same correlation number and sequence, which the partner recognises.
 */
@Component
class ExchangeRelay {

    private static final Logger log = LoggerFactory.getLogger(ExchangeRelay.class);
    static final String LEASE = "exchange-relay";
    static final Duration COUNT_EVERY = Duration.ofSeconds(30);

    private final MongoTemplate mongo;
    private final PartnerExchanges partners;
    private final ExchangeProperties properties;
    private final Lease lease;
    private final Clock clock;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final Outgoing.Backoff backoff;
    private final MeterRegistry meters;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final java.util.Map<Leg.Kind, AtomicLong> overdueLegs = new java.util.EnumMap<>(Leg.Kind.class);
    private Instant countedAt = Instant.EPOCH;

    ExchangeRelay(MongoTemplate mongo, PartnerExchanges partners, ExchangeProperties properties, Lease lease, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.partners = partners;
        this.properties = properties;
        this.lease = lease;
        this.clock = clock;
        this.meters = meters;
        this.backoff = new Outgoing.Backoff(properties.firstRetry(), properties.longestRetry(), properties.jitter(), properties.maxAttempts());
        Gauge.builder("exchange.outbox.waiting", pending, AtomicLong::get)
                .description("Applications with a message for a partner region not yet delivered (as of the relay's last round)")
                .register(meters);
        Gauge.builder("exchange.outbox.parked", parked, AtomicLong::get)
                .description("Applications with a message parked for an operator (refused for good or out of attempts)")
                .register(meters);
        for (Leg.Kind kind : Leg.Kind.values()) {
            AtomicLong count = new AtomicLong();
            overdueLegs.put(kind, count);
            Gauge.builder("exchange.legs.overdue", count, AtomicLong::get).tag("leg", kind.name().toLowerCase(java.util.Locale.ROOT))
                    .description("Cases taken in for a partner region with this leg past its due date (as of the relay's last round)")
                    .register(meters);
        }
    }

    @Scheduled(fixedDelayString = "${services.exchange.relay-every:PT2S}", initialDelayString = "${services.exchange.relay-every:PT2S}")
    void relay() {
        lease.runExclusively(LEASE, properties.leaseFor(), this::round);
    }

    /**
     * One round: the applications with a message due, oldest due first, a batch at a time while
     * full batches keep coming (for at most half the lease, so it is never outlived); returns how
     * many messages were delivered.
     */
    int round() {
        int delivered = 0;
        Instant stop = clock.instant().plus(properties.leaseFor().dividedBy(2));
        List<Application> due;
        do {
            Instant now = clock.instant();
            due = mongo.find(Query.query(Criteria.where("outboxDueAt").lte(now)).with(Sort.by("outboxDueAt")).limit(properties.batch()),
                    Application.class);
            for (Application application : due) {
                delivered += deliver(application);
            }
        } while (due.size() == properties.batch() && clock.instant().isBefore(stop));
        if (clock.instant().isAfter(countedAt.plus(COUNT_EVERY))) {
            count();
        }
        return delivered;
    }

    /** The gauges' counts: not every round (they read whole collections), every {@link #COUNT_EVERY}. */
    private void count() {
        countedAt = clock.instant();
        pending.set(mongo.count(Query.query(Criteria.where("outboxDueAt").ne(null)), Application.class));
        parked.set(mongo.count(Query.query(Criteria.where("outbox.status").is(Outgoing.Status.PARKED)), Application.class));
        LocalDate today = LocalDate.now(clock);
        overdueLegs.forEach((kind, count) -> count.set(mongo.count(Query.query(Criteria.where("status")
                .nin(ApplicationStatus.WITHDRAWN, ApplicationStatus.NOT_ACCEPTED)
                .and("legs").elemMatch(Criteria.where("kind").is(kind).and("doneOn").is(null).and("dueOn").lt(today))), Application.class)));
    }

    private int deliver(Application application) {
        String region = application.partnerRegion();
        int delivered = 0;
        Outgoing head = application.nextToSend(clock.instant());
        if (head == null && application.outboxDueAtStale()) {
            saveQuietly(application); // due by its index, not by its outbox: set right, so the next round does not take it again
        }
        while (head != null && region != null) {
            Delivery delivery = partners.deliver(region, head.message());
            Instant at = clock.instant();
            UnaryOperator<Outgoing> result = switch (delivery.result()) {
                case DELIVERED -> o -> o.delivered(at);
                case RETRY -> o -> o.failed(String.valueOf(delivery.detail()), false, at, backoff, random);
                case REFUSED -> o -> o.failed(String.valueOf(delivery.detail()), true, at, backoff, random);
            };
            application = record(application, head.sequence(), result);
            Outgoing now = application.outbox().get(head.sequence() - 1);
            count(now, delivery);
            if (now.status() != Outgoing.Status.SENT) {
                if (now.status() == Outgoing.Status.PARKED) {
                    log.atError().addKeyValue("event.category", "exchange").addKeyValue("exchange.correlation_id", head.message().correlationId())
                            .addKeyValue("exchange.sequence", head.sequence()).addKeyValue("exchange.partner_region", region)
                            .log("Exchange message {}#{} ({}) to region {} parked after {} attempt(s): {}", head.message().correlationId(),
                                    head.sequence(), head.message().kind(), region, now.attempts(), now.lastError());
                } else {
                    log.warn("Exchange message {}#{} to region {} not delivered (attempt {}), next at {}: {}", head.message().correlationId(),
                            head.sequence(), region, now.attempts(), now.nextAttemptAt(), now.lastError());
                }
                break;
            }
            delivered++;
            head = application.nextToSend(clock.instant());
        }
        return delivered;
    }

    private void count(Outgoing after, Delivery delivery) {
        String outcome = after.status() == Outgoing.Status.PARKED ? "parked" : delivery.result().name().toLowerCase(java.util.Locale.ROOT);
        Counter.builder("exchange.deliveries").description("Attempts to deliver a message to a partner region, by outcome")
                .tag("outcome", outcome).register(meters).increment();
    }

    private void saveQuietly(Application application) {
        try {
            mongo.save(application);
        } catch (OptimisticLockingFailureException raced) {
            // a desk move saved it meanwhile, with its own outbox state
        }
    }

    /** Records what came of the attempt at {@code sequence}, on the stored application as it is now. */
    private Application record(Application application, int sequence, UnaryOperator<Outgoing> result) {
        Application current = application;
        for (int attempt = 1; ; attempt++) {
            current.attempted(sequence, result, LocalDate.now(clock));
            try {
                return mongo.save(current);
            } catch (OptimisticLockingFailureException raced) {
                @Nullable Application fresh = mongo.findById(current.id(), Application.class);
                if (fresh == null || attempt == 5) {
                    throw raced;
                }
                current = fresh;
            }
        }
    }
}
