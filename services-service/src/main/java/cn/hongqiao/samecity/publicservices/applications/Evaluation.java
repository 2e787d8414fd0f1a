package cn.hongqiao.samecity.publicservices.applications;

import java.time.Instant;
import java.util.Map;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.problem.StateConflict;

import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * 好差评: the applicant's rating of a completed application, five levels overall and on the
 * standard dimensions. The two lowest levels are 差评 and open a rectification.
 */
@Document("evaluations")
@CompoundIndex(name = "item_level", def = "{ 'itemCode': 1, 'level': 1 }")
@CompoundIndex(name = "department_level", def = "{ 'department': 1, 'level': 1 }")
@CompoundIndex(name = "voided_by", def = "{ 'voidedBy': 1 }", sparse = true)
public class Evaluation extends VersionedDocument {

    public enum Level {
        VERY_DISSATISFIED("非常不满意"), DISSATISFIED("不满意"), BASICALLY_SATISFIED("基本满意"), SATISFIED("满意"),
        VERY_SATISFIED("非常满意");

        private final String label;

        Level(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** 差评: the two lowest levels. */
        public boolean poor() {
            return this == VERY_DISSATISFIED || this == DISSATISFIED;
        }
    }

    /** The standard dimensions of 政务服务好差评. */
    public enum Dimension { ATTITUDE, EFFICIENCY, CONVENIENCE, STANDARDS, TRANSPARENCY }

    @Indexed(unique = true)
    private String applicationId;
    private String itemCode;
    private String department;
    private String applicantSubject;
    private Level level;
    private Map<Dimension, Level> dimensions;
    private String comment;
    private Instant ratedAt;
    /** Set when an appeal against the rating was upheld (申诉成立): kept, but out of the statistics. */
    private String voidedBy;

    Evaluation() {
    }

    /** Only a completed application is rated, and only once (the unique application id enforces "once"). */
    static Evaluation rate(Application application, Level level, Map<Dimension, Level> dimensions, String comment, Instant now) {
        if (application.status() != ApplicationStatus.COMPLETED && application.status() != ApplicationStatus.RESULT_DELIVERED) {
            throw new StateConflict("application-not-completed", Map.of("currentStatus", application.status()),
                    application.status(), application.status().label());
        }
        Evaluation e = new Evaluation();
        e.applicationId = application.id();
        e.itemCode = application.itemCode();
        e.department = application.department();
        e.applicantSubject = application.applicantSubject();
        e.level = level;
        e.dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
        e.comment = comment;
        e.ratedAt = now;
        return e;
    }

    public String applicationId() { return applicationId; }
    public String itemCode() { return itemCode; }
    public String department() { return department; }
    public Level level() { return level; }
    public Map<Dimension, Level> dimensions() { return dimensions; }
    public String comment() { return comment; }
    public Instant ratedAt() { return ratedAt; }
    public String applicantSubject() { return applicantSubject; }
    public String voidedBy() { return voidedBy; }

    /** An appeal against this rating was upheld: it stays on record, out of the statistics. */
    void voidedByAppeal(String rectificationId) {
        this.voidedBy = rectificationId;
    }
}
