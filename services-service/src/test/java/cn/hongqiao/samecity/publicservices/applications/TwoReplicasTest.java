package cn.hongqiao.samecity.publicservices.applications;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import cn.hongqiao.samecity.publicservices.PublicServicesApplication;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of services-service on one database (two application contexts, one MongoDB wire
 * server over real connections), both relays scheduled every 100 ms: each hand-off reaches Fengtai
 * once, because one relay at a time holds the lease; and a replica that dies while it is sending
 * (its connection to the database gone before it could record Fengtai's receipt, its lease left
 * held) loses nothing: once the lease runs out the other sends the message again, with the same
 * correlation number and sequence, which Fengtai recognises.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasTest {

    static final PartnerSystem fengtai = new PartnerSystem("110106");
    static MongoServer database;
    static ConfigurableApplicationContext one;
    static ConfigurableApplicationContext two;

    @BeforeAll
    static void twoReplicasOnOneDatabase() {
        database = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = database.bind();
        fengtai.stubFor(post(urlPathEqualTo("/exchange/hand-offs")).willReturn(PartnerSystem.receipt().withFixedDelay(20)));
        one = replica(address);
        two = replica(address);
    }

    static ConfigurableApplicationContext replica(InetSocketAddress address) {
        // as command-line arguments: above the service's application.yml, as a Deployment's environment would be
        return new SpringApplicationBuilder(PublicServicesApplication.class).run(
                "--server.port=0", "--spring.mongodb.uri=mongodb://127.0.0.1:" + address.getPort() + "/services",
                "--platform.mongodb.embedded=false", "--platform.seeds.enabled=false",
                "--platform.security.local-tokens.enabled=true", "--platform.security.local-tokens.key-dir=target/test-keys",
                "--platform.personal-data.keyset-file=target/test-keys/personal-data.json", "--platform.personal-data.create-keyset=true",
                "--services.exchange.partners.110106.url=" + fengtai.baseUrl() + "/exchange",
                "--services.exchange.partners.110106.token=" + PartnerSystem.CREDENTIAL,
                "--services.exchange.relay-every=PT0.1S", "--services.exchange.first-retry=PT0.2S", "--services.exchange.lease-for=PT3S", "--services.verification.retry=PT1H");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { one, two }) {
            if (context != null) {
                context.close();
            }
        }
        database.shutdownNow();
        fengtai.stop();
    }

    @Test
    @Order(1)
    void bothRelaysRunButEachHandOffReachesFengtaiOnce() {
        MongoTemplate mongo = one.getBean(MongoTemplate.class);
        for (int i = 0; i < 30; i++) {
            Application a = mongo.insert(LegsTest.fengtaiCase(false, "two-replicas-" + i));
            a.startPreReview("officer-demo", java.time.Instant.now());
            a.handOff("officer-demo", java.time.Instant.now(), java.time.LocalDate.now(), LegsTest.CALENDAR); // due now
            mongo.save(a);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                mongo.count(Query.query(Criteria.where("outbox.status").is(Outgoing.Status.SENT)), Application.class) == 30);

        JsonMapper json = JsonMapper.builder().build();
        List<String> received = fengtai.findAll(postRequestedFor(urlPathEqualTo("/exchange/hand-offs"))).stream()
                .map(r -> json.readTree(r.getBodyAsString()).path("correlationId").asString()).toList();
        Set<String> distinct = received.stream().collect(Collectors.toSet());
        assertThat(distinct).hasSize(30);
        assertThat(received).as("never sent by both replicas").hasSize(30);
    }

    @Test
    @Order(2)
    void aReplicaThatDiesWhileSendingLosesNothingAndTheRepeatCarriesTheSameNumber() throws Exception {
        fengtai.resetAll();
        fengtai.stubFor(post(urlPathEqualTo("/exchange/hand-offs")).willReturn(PartnerSystem.receipt().withFixedDelay(3000)));
        MongoTemplate mongo = one.getBean(MongoTemplate.class);
        Application a = mongo.insert(LegsTest.fengtaiCase(false, "stopped-replica"));
        a.startPreReview("officer-demo", java.time.Instant.now());
        a.handOff("officer-demo", java.time.Instant.now(), java.time.LocalDate.now(), LegsTest.CALENDAR);
        String correlation = mongo.save(a).correlationId();
        await().atMost(Duration.ofSeconds(10)).until(() -> !fengtai.findAll(postRequestedFor(urlPathEqualTo("/exchange/hand-offs"))).isEmpty());

        // the replica holding the lease is the one sending: it dies before Fengtai's answer is recorded
        String holder = mongo.findById(ExchangeRelay.LEASE, org.bson.Document.class, "leases").getString("holder");
        ConfigurableApplicationContext sending = one.getBean(cn.hongqiao.samecity.defaults.scheduling.Lease.class).holder().equals(holder) ? one : two;
        ConfigurableApplicationContext other = sending == one ? two : one;
        fengtai.stubFor(post(urlPathEqualTo("/exchange/hand-offs")).willReturn(PartnerSystem.receipt()));
        sending.getBean(com.mongodb.client.MongoClient.class).close();

        MongoTemplate survivor = other.getBean(MongoTemplate.class);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                survivor.findById(a.id(), Application.class).outbox().get(0).status() == Outgoing.Status.SENT);
        JsonMapper json = JsonMapper.builder().build();
        List<String> received = fengtai.findAll(postRequestedFor(urlPathEqualTo("/exchange/hand-offs"))).stream()
                .map(r -> json.readTree(r.getBodyAsString())).map(m -> m.path("correlationId").asString() + "#" + m.path("sequence").asInt()).toList();
        assertThat(received).as("sent again by the other replica, as the same message").hasSize(2).containsOnly(correlation + "#1");
    }
}
