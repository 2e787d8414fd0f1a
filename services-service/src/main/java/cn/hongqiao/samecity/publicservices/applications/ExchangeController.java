package cn.hongqiao.samecity.publicservices.applications;

import java.time.Instant;
import java.util.List;

import cn.hongqiao.samecity.defaults.openapi.Answers;
import cn.hongqiao.samecity.defaults.web.PageView;
import cn.hongqiao.samecity.publicservices.exchange.PartnerMessage;
import cn.hongqiao.samecity.publicservices.exchange.Receipt;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/exchange}: the hand-offs shared with partner regions' systems. A partner's system
 * (role {@code partner}, its region in the token's {@code region} claim) posts its messages about a
 * case here; operators (admin) see the messages parked for them and send them again. The same
 * protocol runs the other way: the relay posts Hongqiao's messages to the partner's own endpoint.
 */
@Tag(name = "exchange")
@RestController
@RequestMapping("/api/v1/exchange")
class ExchangeController {

    /** A message the relay gave up on, for an operator. */
    record ParkedView(String applicationId, String correlationId, String partnerRegion, int sequence, PartnerMessage.Kind kind,
            String kindName, int attempts, @Nullable String lastError, @Nullable Instant parkedAt) {
    }

    private final ApplicationDesk desk;
    private final MongoTemplate mongo;

    ExchangeController(ApplicationDesk desk, MongoTemplate mongo) {
        this.desk = desk;
        this.mongo = mongo;
    }

    /**
     * A partner region's intake window hands Hongqiao a case to decide (异地代收代办, Hongqiao the
     * handling region): message 1 of the case, kind {@code HAND_OFF}, with the case file. Checked
     * record by record; idempotent on the correlation number (a redelivery answers
     * {@code DUPLICATE} and stores nothing twice); it lands in the deciding office's queue, and
     * every move there flows back to the intake region.
     */
    @PostMapping("/hand-offs")
    @PreAuthorize("hasRole('PARTNER')")
    @Answers(problems = "correlation-id-reused")
    Receipt receiveHandOff(@Valid @RequestBody PartnerMessage message, JwtAuthenticationToken token) {
        return desk.handIn(message, regionOf(token));
    }

    /**
     * A partner region's message about a case it shares with Hongqiao: applied once and in order
     * (a redelivery answers {@code DUPLICATE} and changes nothing; one that comes before its
     * predecessors is a 409 {@code exchange-message-early}, to be sent again after them).
     */
    @PostMapping("/hand-offs/{correlationId}/messages")
    @PreAuthorize("hasRole('PARTNER')")
    @Answers(problems = { "exchange-message-early", "exchange-message-unexpected" })
    Receipt receiveExchangeMessage(@PathVariable @Pattern(regexp = PartnerMessage.CORRELATION_ID) String correlationId,
            @Valid @RequestBody PartnerMessage message, JwtAuthenticationToken token) {
        return desk.receive(correlationId, message, regionOf(token));
    }

    /** Messages to partner regions parked for an operator (refused for good, or out of attempts), oldest first. */
    @GetMapping("/parked")
    @PreAuthorize("hasRole('ADMIN')")
    PageView<ParkedView> listParkedMessages(@RequestParam(required = false) @Min(0) Integer page,
            @RequestParam(required = false) Integer size) {
        var pageable = cn.hongqiao.samecity.defaults.web.Paging.request(page, size, Sort.by("updatedAt"));
        Query query = Query.query(Criteria.where("outbox.status").is(Outgoing.Status.PARKED));
        var found = cn.hongqiao.samecity.defaults.web.MongoPages.find(mongo, query, pageable, Application.class);
        return PageView.of(found, a -> {
            Outgoing o = a.outbox().stream().filter(m -> m.status() == Outgoing.Status.PARKED).findFirst().orElseThrow();
            return new ParkedView(a.id(), String.valueOf(a.correlationId()), String.valueOf(a.partnerRegion()), o.sequence(),
                    o.message().kind(), o.message().kind().label(), o.attempts(), o.lastError(), o.parkedAt());
        });
    }

    /** Sends a parked message again, with a fresh count of attempts (the relay's next round). */
    @PostMapping("/parked/{correlationId}/{sequence}/retry")
    @PreAuthorize("hasRole('ADMIN')")
    @Answers(problems = "exchange-message-not-parked")
    List<ApplicationController.ApplicationView.ExchangeView> retryParkedMessage(
            @PathVariable @Pattern(regexp = PartnerMessage.CORRELATION_ID) String correlationId, @PathVariable @Min(1) int sequence) {
        Application a = desk.retryParked(correlationId, sequence);
        return a.outbox().stream().map(ApplicationController.ApplicationView.ExchangeView::of).toList();
    }

    private static String regionOf(JwtAuthenticationToken token) {
        String region = token.getToken().getClaimAsString("region");
        if (region == null || !region.matches("\\d{6}")) {
            throw new AccessDeniedException("a partner token names its region (claim region)");
        }
        return region;
    }
}
