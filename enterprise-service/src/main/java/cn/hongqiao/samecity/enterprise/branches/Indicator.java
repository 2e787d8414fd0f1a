package cn.hongqiao.samecity.enterprise.branches;

import java.math.BigDecimal;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.seed.Source;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A figure the district reports (区内央企分支机构 23 家; the platform's rank in the annual review),
 * kept with its year and source, and shown beside what the registry holds, never made to match
 * by inventing records.
 */
@Document("indicators")
@CompoundIndex(name = "key_year", def = "{ 'key': 1, 'year': 1 }", unique = true)
public class Indicator extends VersionedDocument {

    private final String key;
    private final int year;
    private String label;
    private BigDecimal value;
    private String unit;
    private Source source;
    private String sourceNote;

    @PersistenceCreator
    Indicator(String key, int year) {
        this.key = key;
        this.year = year;
    }

    static Indicator of(IndicatorRecord r) {
        Indicator indicator = new Indicator(r.key(), r.year());
        indicator.label = r.label();
        indicator.value = r.value();
        indicator.unit = r.unit();
        indicator.source = r.source();
        indicator.sourceNote = r.sourceNote();
        return indicator;
    }

    public String key() { return key; }
    public int year() { return year; }
    public String label() { return label; }
    public BigDecimal value() { return value; }
    public String unit() { return unit; }
    public Source source() { return source; }
    public String sourceNote() { return sourceNote; }
}
