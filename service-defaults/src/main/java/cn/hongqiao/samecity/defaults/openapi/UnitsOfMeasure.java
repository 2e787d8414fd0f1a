package cn.hongqiao.samecity.defaults.openapi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * The platform's units and code systems, said once for every field that carries them, in every
 * service alike: money in 万元 as an exact decimal, areas in m², time limits in working days,
 * regions by GB/T 2260, enterprises by GB 32100-2015, medical institutions by their insurance code.
 * A field is matched by its name, as the API spells it.
 */
class UnitsOfMeasure implements PropertyCustomizer {

    private static final Map<Pattern, String> UNITS = new LinkedHashMap<>();

    static {
        UNITS.put(Pattern.compile("(total|planned|intended)Investment|investmentCompleted|yearToDate|cumulative|.*Investment"),
                "万元 (ten thousand yuan), an exact decimal with at most 2 decimal places.");
        UNITS.put(Pattern.compile("floorArea|area|vacantArea|spaceNeeded"), "m².");
        UNITS.put(Pattern.compile("(legal|promised)LimitDays|pausedWorkingDays|.*WorkingDays"), "Working days, on the district's calendar.");
        UNITS.put(Pattern.compile("(partner|origin|intake|handling)Region|region|partnerRegions"),
                "GB/T 2260 administrative division code, 6 digits (e.g. 120106 红桥区, 110106 丰台区).");
        UNITS.put(Pattern.compile("creditCode"), "Unified social credit code, GB 32100-2015: 18 characters ending in a check character.");
        UNITS.put(Pattern.compile("insuranceCode"), "Medical-insurance code: H, the 6-digit GB/T 2260 region, then 5 digits.");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Schema customize(Schema property, AnnotatedType type) {
        String name = type.getPropertyName();
        if (property == null || name == null) {
            return property;
        }
        for (Map.Entry<Pattern, String> unit : UNITS.entrySet()) {
            if (unit.getKey().matcher(name).matches()) {
                String description = property.getDescription();
                if (description == null || !description.contains(unit.getValue())) {
                    property.setDescription(description == null || description.isBlank() ? unit.getValue()
                            : description + " " + unit.getValue());
                }
                break;
            }
        }
        return property;
    }
}
