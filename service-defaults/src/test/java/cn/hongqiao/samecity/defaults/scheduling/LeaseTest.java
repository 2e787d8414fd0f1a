package cn.hongqiao.samecity.defaults.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import cn.hongqiao.samecity.defaults.testapp.DefaultsTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas (two {@link Lease}s with their own holder ids on one database, over the real driver):
 * a job runs on one of them at a time, a finished one frees it at once, and a replica that died
 * holding it blocks the job only until the lease runs out.
 */
@SpringBootTest(classes = DefaultsTestApplication.class, properties = {
        "platform.mongodb.embedded=true", "platform.mongodb.storage=memory",
        "platform.security.local-tokens.enabled=true", "platform.security.local-tokens.key-dir=target/test-keys",
        "spring.application.name=lease-test" })
class LeaseTest {

    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-12-02T01:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Shanghai");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Autowired
    MongoTemplate mongo;

    final MovableClock clock = new MovableClock();
    Lease one;
    Lease two;

    @BeforeEach
    void twoReplicas() {
        mongo.remove(new Query(), Lease.COLLECTION);
        one = new Lease(mongo, clock, "replica-1");
        two = new Lease(mongo, clock, "replica-2");
    }

    @Test
    void whileOneReplicaRunsTheJobTheOtherDoesNotAndAfterwardsEitherMay() {
        List<String> ran = new ArrayList<>();
        assertThat(one.runExclusively("nightly", Duration.ofMinutes(10), () -> {
            ran.add("one");
            assertThat(two.runExclusively("nightly", Duration.ofMinutes(10), () -> ran.add("two"))).as("held by replica 1").isFalse();
        })).isTrue();
        assertThat(two.runExclusively("nightly", Duration.ofMinutes(10), () -> ran.add("two"))).as("freed when done").isTrue();
        assertThat(ran).containsExactly("one", "two");
        assertThat(one.runExclusively("another-job", Duration.ofMinutes(10), () -> ran.add("other"))).as("leases are per job").isTrue();
    }

    @Test
    void aReplicaThatDiedHoldingTheLeaseBlocksTheJobOnlyUntilItRunsOut() {
        assertThat(one.acquire("relay", Duration.ofMinutes(1))).isTrue(); // and then replica 1 dies
        assertThat(two.runExclusively("relay", Duration.ofMinutes(1), () -> { })).isFalse();
        clock.now = clock.now.plus(Duration.ofSeconds(59));
        assertThat(two.runExclusively("relay", Duration.ofMinutes(1), () -> { })).isFalse();
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(two.runExclusively("relay", Duration.ofMinutes(1), () -> { })).as("expired").isTrue();
    }

    @Test
    void eightRacingReplicasNeverRunTheJobTogether() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> rounds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Lease replica = new Lease(mongo, Clock.systemUTC(), "replica-" + i);
                rounds.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 25; round++) {
                        replica.runExclusively("relay", Duration.ofMinutes(1), () -> {
                            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            runs.incrementAndGet();
                            try {
                                Thread.sleep(1);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            inside.decrementAndGet();
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> round : rounds) {
                round.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs.get()).as("the job ran").isPositive();
        assertThat(most.get()).as("never two at once").isEqualTo(1);
    }
}
