package cn.hongqiao.samecity.publicservices.applications;

import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code applications.overdue}: applications past their legal time limit (超期办件, the desks' overdue
 * list without the partner legs, which {@code exchange.legs.overdue} counts), counted every
 * {@code services.applications.count-overdue-every} (a minute) since the count reads the collection.
 * Every replica counts; the alert {@code SamecityOverdueApplicationsGrowing} takes the highest.
 */
@Component
class OverdueGauge {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final AtomicLong overdue = new AtomicLong();

    OverdueGauge(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.clock = clock;
        Gauge.builder("applications.overdue", overdue, AtomicLong::get)
                .description("Applications accepted and not finished past their due date, the clock running (as of the last count)")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${services.applications.count-overdue-every:PT1M}", initialDelayString = "PT5S")
    void count() {
        overdue.set(mongo.count(Query.query(ApplicationDesk.decisionOverdue(LocalDate.now(clock))), Application.class));
    }
}
