package cn.hongqiao.samecity.enterprise.consortia;

import java.util.List;
import java.util.Objects;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.seed.Source;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.jspecify.annotations.Nullable;

/**
 * An innovation consortium, alliance or platform (创新联合体, 创新联盟, 创新平台): who leads it, its
 * members (registered enterprises by id, or by name where they are not registered here), its field.
 */
@Document("consortia")
@CompoundIndex(name = "kind_name", def = "{ 'kind': 1, 'name': 1 }")
public class Consortium extends VersionedDocument {

    public enum Kind {
        CONSORTIUM("创新联合体"), ALLIANCE("创新联盟"), PLATFORM("创新平台");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A member: a registered enterprise ({@code enterpriseId}) or, where not registered here, only its name. */
    public record Member(String name, @Nullable String enterpriseId) {
    }

    @Indexed(unique = true)
    private final String name;
    private Kind kind;
    private String leadUnit;
    private List<Member> members;
    private String field;
    private Integer founded;
    private Source source;
    private String sourceNote;

    @PersistenceCreator
    Consortium(String name) {
        this.name = name;
    }

    static Consortium of(NewConsortium request) {
        Consortium c = new Consortium(request.name());
        c.kind = request.kind();
        c.leadUnit = request.leadUnit();
        c.members = request.membersAsDomain();
        c.field = request.field();
        c.founded = request.founded();
        c.source = Objects.requireNonNullElse(request.source(), Source.ENTERED);
        c.sourceNote = request.sourceNote();
        return c;
    }

    public String name() { return name; }
    public Kind kind() { return kind; }
    public String leadUnit() { return leadUnit; }
    public List<Member> members() { return members == null ? List.of() : members; }
    public String field() { return field; }
    public Integer founded() { return founded; }
    public Source source() { return source; }
    public String sourceNote() { return sourceNote; }
}
