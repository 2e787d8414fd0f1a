package cn.hongqiao.samecity.gateway.audit;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.hongqiao.samecity.defaults.audit.AuditRecord;
import cn.hongqiao.samecity.defaults.audit.AuditTrail;
import cn.hongqiao.samecity.defaults.problem.InvalidRequestException;
import cn.hongqiao.samecity.defaults.web.Paging;
import cn.hongqiao.samecity.gateway.routes.BackendReads;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /api/v1/audit}: 审计. The audit trails of every service, for the auditor: who read or
 * changed what, when, from where and with what outcome (requests that change something, refused
 * ones included, and reads of personal data), merged newest first across the services; and each
 * trail's hash-chain verification. Only the auditor may read them, and the auditor may do nothing
 * else. Nothing in the API changes or removes a record; the only removal is the retention's purge
 * of records older than 180 days, which leaves a checkpoint the chain is verified from.
 */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit")
@PreAuthorize("hasRole('AUDITOR')")
class AuditController {

    /**
     * One page of the merged trail.
     *
     * @param records    newest first across the services (each names its service and its sequence there)
     * @param next       pass as {@code cursor} for older records; null when there are none
     * @param unanswered services that could not be read for this page (their records are missing from it), and why
     */
    record AuditRecordPage(List<AuditRecord> records, @Nullable String next, List<Unanswered> unanswered) {
    }

    /**
     * A service whose trail could not be read.
     *
     * @param service the service
     * @param reason  timeout, unreachable, failed-response, malformed-response, unauthorized, forbidden
     */
    record Unanswered(String service, String reason) {
    }

    /**
     * Every service's chain verification.
     *
     * @param intact   true when every service answered and every chain is whole
     * @param services per service: its verification, or why it could not be run
     */
    record AuditVerification(boolean intact, Map<String, ServiceVerification> services) {
    }

    /**
     * @param available    whether the service answered
     * @param reason       why not
     * @param verification the walk of its chain: from where, how many records, the head, and the first broken link if any
     */
    record ServiceVerification(boolean available, @Nullable String reason, AuditTrail.@Nullable Verification verification) {
    }

    private static final String RECORDS = "/api/v1/audit/records";
    private static final Comparator<Map.Entry<String, AuditRecord>> NEWEST_FIRST = Comparator
            .comparing((Map.Entry<String, AuditRecord> e) -> e.getValue().at()).reversed().thenComparing(Map.Entry::getKey);

    private final BackendReads reads;
    private final JsonMapper json;

    AuditController(BackendReads reads, JsonMapper json) {
        this.reads = reads;
        this.json = json;
    }

    /**
     * The audit records of every service (or of one, {@code service}) matching every filter given,
     * newest first, a page at a time: "who saw or changed this application, and when" is
     * {@code resourceType=applications&resourceId=<id>}. A service that cannot answer is named in
     * {@code unanswered} while the others' records are given.
     *
     * @param subject      who: the token's subject (e.g. officer-demo)
     * @param resourceType what: the resource's collection in the path (applications, projects, enterprises...)
     * @param resourceId   what: the resource's id in the path
     * @param method       the HTTP method (GET for reads of personal data)
     * @param action       the operation, as records name it (e.g. POST /api/v1/applications/{id}/actions)
     * @param outcome      SUCCESS, REFUSED (401, 403), REJECTED (other 4xx), FAILED (5xx)
     * @param from         records at or after this instant (ISO-8601, e.g. 2026-12-01T00:00:00Z)
     * @param to           records before this instant
     * @param service      one service only: projects-service, enterprise-service or services-service
     * @param cursor       the previous page's {@code next}
     * @param size         records per page, 1 to 100 (default 20)
     */
    @GetMapping("/records")
    Mono<AuditRecordPage> listAuditRecords(@RequestParam(required = false) @Nullable String subject,
            @RequestParam(required = false) @Nullable String resourceType, @RequestParam(required = false) @Nullable String resourceId,
            @RequestParam(required = false) @Nullable String method, @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) AuditRecord.@Nullable Outcome outcome, @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to, @RequestParam(required = false) @Nullable String service,
            @RequestParam(required = false) @Nullable String cursor, @RequestParam(required = false) @Nullable Integer size,
            ServerHttpRequest request) {
        int s = size == null ? Paging.DEFAULT_SIZE : size;
        if (s < 1 || s > Paging.MAX_SIZE) {
            throw InvalidRequestException.of("size", "size-range", Paging.MAX_SIZE);
        }
        if (from != null && to != null && !to.isAfter(from)) {
            throw InvalidRequestException.of("to", "audit-range");
        }
        List<String> all = new ArrayList<>(reads.backends().services().keySet());
        if (service != null && !all.contains(service)) {
            throw InvalidRequestException.of("service", "not-one-of", service, String.join(", ", all));
        }
        List<String> requested = service == null ? all : List.of(service);
        AuditCursor start = cursor == null ? AuditCursor.start() : AuditCursor.parse(cursor);
        if (start == null) {
            throw InvalidRequestException.of("cursor", "audit-cursor");
        }
        UriComponentsBuilder query = UriComponentsBuilder.fromPath(RECORDS).queryParam("size", s);
        addIfGiven(query, "subject", subject);
        addIfGiven(query, "resourceType", resourceType);
        addIfGiven(query, "resourceId", resourceId);
        addIfGiven(query, "method", method);
        addIfGiven(query, "action", action);
        addIfGiven(query, "outcome", outcome == null ? null : outcome.name());
        addIfGiven(query, "from", from == null ? null : from.toString());
        addIfGiven(query, "to", to == null ? null : to.toString());
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String client = clientAddress(request);
        return Flux.fromIterable(requested).filter(name -> !start.done(name))
                .flatMap(name -> {
                    UriComponentsBuilder one = query.cloneBuilder();
                    Long before = start.before(name);
                    if (before != null) {
                        one.queryParam("before", before);
                    }
                    return reads.get(name, one.encode().build().toUriString(), authorization, client).map(section -> Map.entry(name, section));
                })
                .collectList()
                .map(answers -> merge(answers, start, s, requested));
    }

    /** Every service's hash chain walked from its newest checkpoint: intact, or where it is first broken. */
    @GetMapping("/verification")
    Mono<AuditVerification> verifyAuditTrails(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String client = clientAddress(request);
        List<String> services = new ArrayList<>(reads.backends().services().keySet());
        return Flux.fromIterable(services)
                .flatMap(name -> reads.get(name, "/api/v1/audit/verification", authorization, client).map(section -> Map.entry(name, section)))
                .collectList()
                .map(answers -> {
                    Map<String, ServiceVerification> each = new LinkedHashMap<>();
                    boolean intact = true;
                    for (String name : services) {
                        BackendReads.Section section = answers.stream().filter(a -> a.getKey().equals(name)).findFirst().orElseThrow().getValue();
                        AuditTrail.Verification verification = section.available() ? json.convertValue(section.data(), AuditTrail.Verification.class) : null;
                        intact &= verification != null && verification.intact();
                        each.put(name, new ServiceVerification(section.available(), section.reason(), verification));
                    }
                    return new AuditVerification(intact, each);
                });
    }

    /**
     * Newest first across the services: each service's slice is taken in its own order (a prefix of
     * it), so that the next page of each starts right after what this one showed.
     */
    private AuditRecordPage merge(List<Map.Entry<String, BackendReads.Section>> answers, AuditCursor start, int size, List<String> requested) {
        Map<String, Deque<AuditRecord>> queues = new HashMap<>();
        Map<String, Boolean> more = new HashMap<>();
        List<Unanswered> unanswered = new ArrayList<>();
        for (Map.Entry<String, BackendReads.Section> answer : answers) {
            if (!answer.getValue().available()) {
                unanswered.add(new Unanswered(answer.getKey(), String.valueOf(answer.getValue().reason())));
                continue;
            }
            AuditTrail.Slice slice = json.convertValue(answer.getValue().data(), AuditTrail.Slice.class);
            queues.put(answer.getKey(), new ArrayDeque<>(slice.records()));
            more.put(answer.getKey(), slice.more());
        }
        unanswered.sort(Comparator.comparing(Unanswered::service));
        List<AuditRecord> page = new ArrayList<>();
        Map<String, Long> next = new java.util.TreeMap<>(start.before());
        while (page.size() < size) {
            Map.Entry<String, AuditRecord> newest = queues.entrySet().stream().filter(q -> !q.getValue().isEmpty())
                    .map(q -> Map.entry(q.getKey(), q.getValue().peekFirst())).min(NEWEST_FIRST).orElse(null);
            if (newest == null) {
                break;
            }
            page.add(queues.get(newest.getKey()).pollFirst());
            next.put(newest.getKey(), newest.getValue().sequence());
        }
        queues.forEach((name, left) -> {
            if (left.isEmpty() && !more.get(name)) {
                next.put(name, AuditCursor.DONE);
            }
        });
        // at the end when every service asked has nothing older, or could not be asked (it is named in unanswered)
        boolean exhausted = requested.stream().allMatch(name -> next.getOrDefault(name, -1L) == AuditCursor.DONE
                || unanswered.stream().anyMatch(u -> u.service().equals(name)));
        return new AuditRecordPage(page, exhausted ? null : new AuditCursor(next).text(), unanswered);
    }

    private static void addIfGiven(UriComponentsBuilder query, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            query.queryParam(name, value);
        }
    }

    /**
     * The client as the services' records name it: the request's address, which is the one a trusted proxy
     * (the ingress) forwarded when one did (edge.TrustedForwardedHeaders applies and removes the forwarded
     * headers before any handler).
     */
    private static @Nullable String clientAddress(ServerHttpRequest request) {
        java.net.InetSocketAddress socket = request.getRemoteAddress();
        return socket == null ? null : socket.getAddress() == null ? socket.getHostString() : socket.getAddress().getHostAddress();
    }
}
