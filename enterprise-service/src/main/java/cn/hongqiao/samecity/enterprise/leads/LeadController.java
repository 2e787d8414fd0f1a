package cn.hongqiao.samecity.enterprise.leads;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import cn.hongqiao.samecity.defaults.openapi.Answers;
import cn.hongqiao.samecity.defaults.problem.ETags;
import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.web.MongoPages;
import cn.hongqiao.samecity.defaults.web.PageView;
import cn.hongqiao.samecity.defaults.web.Paging;
import cn.hongqiao.samecity.defaults.web.Sortable;
import cn.hongqiao.samecity.enterprise.registry.EnterpriseRepository;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/v1/leads}: the investment-attraction pipeline. Internal to the district: officers
 * and admins only. Stages move through stage transitions; follow-ups are recorded; leads without
 * a follow-up for {@code enterprise.leads.stale-after-days} days are flagged.
 */
@Tag(name = "leads")
@RestController
@RequestMapping("/api/v1/leads")
@PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
class LeadController {

    record MoveRequest(@NotNull LeadStage targetStage, @Size(max = 500) @Nullable String note, @Size(max = 500) @Nullable String reason,
            @Pattern(regexp = "[0-9a-f]{24}", message = "{rule.enterprise-id}") @Nullable String enterpriseId) {
    }

    record FollowUpRequest(@NotNull LocalDate date, @NotNull Lead.FollowUp.Mode mode, @NotBlank @Size(max = 1000) String summary,
            @Size(max = 500) @Nullable String nextStep) {
    }

    record LeadView(String id, String title, String company, Channel channel, String channelName, @Nullable String targetChain,
            @Nullable BigDecimal intendedInvestment, @Nullable BigDecimal spaceNeeded, String officer, LeadStage stage, String stageName,
            Set<LeadStage> allowedNextStages, @Nullable String terminationReason, @Nullable String enterpriseId, LocalDate openedOn,
            LocalDate lastActivityOn, boolean stale, List<Lead.Move> moves, List<Lead.FollowUp> followUps, long version) {
    }

    private final MongoTemplate mongo;
    private final EnterpriseRepository enterprises;
    private final Clock clock;
    private final int staleAfterDays;

    LeadController(MongoTemplate mongo, EnterpriseRepository enterprises, Clock clock,
            @Value("${enterprise.leads.stale-after-days:30}") int staleAfterDays) {
        this.mongo = mongo;
        this.enterprises = enterprises;
        this.clock = clock;
        this.staleAfterDays = staleAfterDays;
    }

    /** Opens an investment lead (线索) in the pipeline, tagged with its channel and followed by an officer. */
    @PostMapping
    @Answers(status = 201, headers = { Answers.LOCATION, Answers.ETAG })
    ResponseEntity<LeadView> openLead(@Valid @RequestBody NewLead request, Authentication caller, UriComponentsBuilder uri) {
        Lead lead = mongo.insert(Lead.open(request, caller.getName(), clock.instant(), clock.getZone()));
        return ResponseEntity.created(uri.path("/api/v1/leads/{id}").buildAndExpand(lead.id()).toUri())
                .eTag(ETags.of(lead.version())).body(view(lead));
    }

    /** Lists the pipeline's leads, filtered by stage, channel, officer and staleness, a page at a time. */
    @GetMapping
    PageView<LeadView> listLeads(@RequestParam(required = false) LeadStage stage, @RequestParam(required = false) Channel channel,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}", message = "{rule.officer-id}") String officer,
            @RequestParam(required = false) Boolean stale, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, @RequestParam(required = false) @Sortable({ "openedOn", "lastActivityOn", "stage", "channel" }) String sort) {
        Query query = new Query();
        if (stage != null) {
            query.addCriteria(Criteria.where("stage").is(stage));
        }
        if (channel != null) {
            query.addCriteria(Criteria.where("channel").is(channel));
        }
        if (officer != null) {
            query.addCriteria(Criteria.where("officer").is(officer));
        }
        if (Boolean.TRUE.equals(stale)) {
            if (stage != null && !stage.open()) {
                throw new RuleViolation("stale", "stale-only-open");
            }
            if (stage == null) {
                query.addCriteria(Criteria.where("stage").in(LeadStage.OPEN));
            }
            query.addCriteria(Criteria.where("lastActivityOn").lt(today().minusDays(staleAfterDays)));
        }
        var pageable = Paging.request(page, size, sort, Sort.by(Sort.Direction.DESC, "openedOn"));
        return PageView.of(MongoPages.find(mongo, query, pageable, Lead.class), this::view);
    }

    /** One lead with its moves and follow-ups. */
    @GetMapping("/{id}")
    @Answers(headers = Answers.ETAG)
    ResponseEntity<LeadView> getLead(@PathVariable String id) {
        Lead lead = find(id);
        return ResponseEntity.ok().eTag(ETags.of(lead.version())).body(view(lead));
    }

    /**
     * Moves a lead: 线索 → 在谈 → 签约 → 落地 without skipping, or 终止 with a reason; landing needs a
     * registered enterprise settled in a unit.
     */
    @PostMapping("/{id}/stage-transitions")
    @Answers(status = 201, headers = Answers.ETAG, problems = { "illegal-lead-transition", "concurrent-modification" })
    ResponseEntity<LeadView> moveLeadStage(@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody MoveRequest request, Authentication caller) {
        Lead lead = find(id);
        ETags.requireMatch(ifMatch, lead.version());
        var landed = request.enterpriseId() == null ? null : enterprises.findById(request.enterpriseId()).orElse(null);
        lead.moveTo(request.targetStage(), request.note(), request.reason(), request.enterpriseId(), landed, caller.getName(),
                clock.instant(), clock.getZone());
        Lead saved = mongo.save(lead);
        return ResponseEntity.status(HttpStatus.CREATED).eTag(ETags.of(saved.version())).body(view(saved));
    }

    /** Records a follow-up (date, mode, summary, next step) on an open lead. */
    @PostMapping("/{id}/follow-ups")
    @Answers(status = 201, headers = Answers.ETAG, problems = { "lead-closed", "concurrent-modification" })
    ResponseEntity<LeadView> addFollowUp(@PathVariable String id, @Valid @RequestBody FollowUpRequest request, Authentication caller) {
        Lead lead = find(id);
        lead.followUp(new Lead.FollowUp(request.date(), request.mode(), request.summary(), request.nextStep(), caller.getName(),
                clock.instant()), today());
        Lead saved = mongo.save(lead);
        return ResponseEntity.status(HttpStatus.CREATED).eTag(ETags.of(saved.version())).body(view(saved));
    }

    /** Funnel per channel and period (leads opened between {@code from} and {@code to}, inclusive). */
    @GetMapping("/funnel")
    Funnel getLeadFunnel(@RequestParam(required = false) Channel channel, @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new RuleViolation("to", "to-before-from");
        }
        Query query = new Query();
        if (channel != null) {
            query.addCriteria(Criteria.where("channel").is(channel));
        }
        if (from != null || to != null) {
            Criteria opened = Criteria.where("openedOn");
            if (from != null) {
                opened = opened.gte(from);
            }
            if (to != null) {
                opened = opened.lte(to);
            }
            query.addCriteria(opened);
        }
        query.fields().include("stage", "moves");
        return Funnel.of(mongo.find(query, Lead.class));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Lead find(String id) {
        Lead lead = mongo.findById(id, Lead.class);
        if (lead == null) {
            throw new NotFoundException("lead", id);
        }
        return lead;
    }

    private LeadView view(Lead l) {
        return new LeadView(l.id(), l.title(), l.company(), l.channel(), l.channel().label(), l.targetChain(),
                l.intendedInvestment(), l.spaceNeeded(), l.officer(), l.stage(), l.stage().label(), l.stage().next(),
                l.terminationReason(), l.enterpriseId(), l.openedOn(), l.lastActivityOn(), l.stale(today(), staleAfterDays),
                l.moves(), l.followUps(), l.version());
    }
}
