package cn.hongqiao.samecity.enterprise.leads;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.problem.StateConflict;
import cn.hongqiao.samecity.enterprise.registry.Enterprise;
import cn.hongqiao.samecity.enterprise.registry.Settlement;

import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.jspecify.annotations.Nullable;

/**
 * An investment-attraction lead (招商线索) worked by an officer through 线索 → 在谈 → 签约 → 落地, or
 * ended (终止) with a reason. The rules are here: no skipping, no moves out of a closed lead,
 * landing only with a registered enterprise settled in a unit, follow-ups not in the future.
 */
@Document("leads")
@CompoundIndex(name = "stage_opened_activity", def = "{ 'stage': 1, 'openedOn': -1, 'lastActivityOn': 1 }")
@CompoundIndex(name = "channel_created", def = "{ 'channel': 1, 'openedOn': 1 }")
@CompoundIndex(name = "officer_stage", def = "{ 'officer': 1, 'stage': 1 }")
public class Lead extends VersionedDocument {

    /** One move, with when and by whom (the funnel's days per stage come from these). */
    public record Move(@Nullable LeadStage from, LeadStage to, Instant at, String by, @Nullable String note) {
    }

    public record FollowUp(LocalDate date, Mode mode, String summary, @Nullable String nextStep, String by, Instant recordedAt) {
        public enum Mode {
            VISIT("走访"),
            CALL("电话"),
            MEETING("会谈"),
            ONLINE("线上"),
            OTHER("其他");

            private final String label;

            Mode(String label) {
                this.label = label;
            }

            /** The Chinese name portals show. */
            public String label() {
                return label;
            }
        }
    }

    private String title;
    private String company;
    private Channel channel;
    private String targetChain;
    private BigDecimal intendedInvestment;
    private BigDecimal spaceNeeded;
    private String officer;
    private LeadStage stage;
    private String terminationReason;
    private String enterpriseId;
    private LocalDate openedOn;
    private LocalDate lastActivityOn;
    private List<Move> moves = new ArrayList<>();
    private List<FollowUp> followUps = new ArrayList<>();

    Lead() {
    }

    static Lead open(NewLead request, String openedBy, Instant now, ZoneId zone) {
        Lead lead = new Lead();
        lead.title = request.title();
        lead.company = request.company();
        lead.channel = request.channel();
        lead.targetChain = request.targetChain();
        lead.intendedInvestment = request.intendedInvestment();
        lead.spaceNeeded = request.spaceNeeded();
        lead.officer = request.officer() == null ? openedBy : request.officer();
        lead.stage = LeadStage.LEAD;
        lead.openedOn = LocalDate.ofInstant(now, zone);
        lead.lastActivityOn = lead.openedOn;
        lead.moves.add(new Move(null, LeadStage.LEAD, now, openedBy, null));
        return lead;
    }

    /**
     * Moves the lead on. {@code landedEnterprise} is the enterprise named for landing (null if none
     * or not registered).
     */
    void moveTo(LeadStage target, String note, String reason, String enterpriseId, Enterprise landedEnterprise, String by,
            Instant now, ZoneId zone) {
        Set<LeadStage> allowed = stage.next();
        if (!allowed.contains(target)) {
            throw new StateConflict("illegal-lead-transition", Map.of("currentStage", stage, "allowed", allowed.stream().sorted().toList()),
                    stage, stage.label(), target, target.label(),
                    allowed.isEmpty() ? "-" : allowed.stream().sorted().map(LeadStage::name).collect(Collectors.joining(", ")),
                    allowed.isEmpty() ? "无" : allowed.stream().sorted().map(LeadStage::label).collect(Collectors.joining("、")));
        }
        if (target == LeadStage.TERMINATED && (reason == null || reason.isBlank())) {
            throw new RuleViolation("reason", "termination-reason-required");
        }
        if (target == LeadStage.LANDED) {
            if (enterpriseId == null || landedEnterprise == null) {
                throw new RuleViolation("enterpriseId", "landing-enterprise-required");
            }
            Settlement settlement = landedEnterprise.settlement();
            if (settlement == null || settlement.status() != Settlement.Status.CONFIRMED) {
                throw new RuleViolation("enterpriseId", "landing-enterprise-not-settled");
            }
            this.enterpriseId = enterpriseId;
        }
        if (target == LeadStage.TERMINATED) {
            terminationReason = reason;
        }
        moves.add(new Move(stage, target, now, by, note));
        stage = target;
        lastActivityOn = LocalDate.ofInstant(now, zone);
    }

    void followUp(FollowUp followUp, LocalDate today) {
        if (!stage.open()) {
            throw new StateConflict("lead-closed", Map.of("currentStage", stage), stage, stage.label());
        }
        if (followUp.date().isAfter(today)) {
            throw new RuleViolation("date", "date-in-future");
        }
        if (followUp.date().isBefore(openedOn)) {
            throw new RuleViolation("date", "follow-up-before-opened", openedOn.toString());
        }
        followUps.add(followUp);
        if (followUp.date().isAfter(lastActivityOn)) {
            lastActivityOn = followUp.date();
        }
    }

    /** Open, and no follow-up (or opening) for more than {@code days} days. */
    boolean stale(LocalDate today, int days) {
        return stage.open() && lastActivityOn.isBefore(today.minusDays(days));
    }

    public String title() { return title; }
    public String company() { return company; }
    public Channel channel() { return channel; }
    public String targetChain() { return targetChain; }
    public BigDecimal intendedInvestment() { return intendedInvestment; }
    public BigDecimal spaceNeeded() { return spaceNeeded; }
    public String officer() { return officer; }
    public LeadStage stage() { return stage; }
    public String terminationReason() { return terminationReason; }
    public String enterpriseId() { return enterpriseId; }
    public LocalDate openedOn() { return openedOn; }
    public LocalDate lastActivityOn() { return lastActivityOn; }
    public List<Move> moves() { return moves == null ? List.of() : List.copyOf(moves); }
    public List<FollowUp> followUps() { return followUps == null ? List.of() : List.copyOf(followUps); }
}
